package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.scheduler.RunLock;
import dev.ferry.scheduler.sim.LdmSimulator;
import dev.ferry.scheduler.sim.RecordedRequest;
import dev.ferry.scheduler.sim.SimFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleCommandTest {
  private static final String PASSWORD = "pa55-w0rd-XYZ";

  private final LdmSimulator sim = LdmSimulator.start();
  private final Map<String, String> env = new HashMap<>();
  private StringWriter out;
  private StringWriter err;

  @TempDir Path dir;
  private Path priorities;
  private Path config;

  @BeforeEach
  void fixture() throws Exception {
    SimFixtures.reference(sim);
    priorities = Files.write(dir.resolve("priority.txt"), SimFixtures.REFERENCE_PRIORITIES);
    config = Files.writeString(dir.resolve("empty.toml"), "");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** Runs {@code ferry schedule} isolated from any real config file or lock. */
  private int schedule(String... args) {
    List<String> all = new ArrayList<>(List.of("schedule", "--config", config.toString()));
    if (!List.of(args).contains("--lock-file")) {
      all.addAll(List.of("--lock-file", dir.resolve("run.lock").toString()));
    }
    all.addAll(List.of(args));
    out = new StringWriter();
    err = new StringWriter();
    return Main.run(new PrintWriter(out), new PrintWriter(err), env, all.toArray(String[]::new));
  }

  private String endpoint() {
    return sim.endpoint().toString();
  }

  private void assertOneErrorLine(String expected) {
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().startsWith("ferry schedule: "), err.toString());
    assertTrue(err.toString().contains(expected), err.toString());
  }

  @Test
  void startsTheFirstListedCandidate() {
    assertEquals(
        0,
        schedule(
            "--howmany", "1", "--priority-list", priorities.toString(), "--endpoint", endpoint()));
    assertEquals(1, sim.startRequests().size());
    assertEquals("SCHEDULED", sim.state("m-c"));
    assertTrue(out.toString().contains("started m-c /repl3"), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void jsonSummaryIsOneObject() throws Exception {
    assertEquals(0, schedule("--howmany", "3", "--endpoint", endpoint(), "--json"));
    JsonNode r = new ObjectMapper().readTree(out.toString());
    assertEquals(3, r.get("started").size());
    // No priority list: oldest first.
    assertEquals("m-a", r.get("started").get(0).get("migrationId").asText());
  }

  @Test
  void dryRunStartsNothing() {
    assertEquals(
        0,
        schedule(
            "--howmany",
            "2",
            "--endpoint",
            endpoint(),
            "--dry-run",
            "--priority-list",
            priorities.toString()));
    assertEquals(List.of(), sim.startRequests());
    assertTrue(out.toString().contains("would start m-c"), out.toString());
  }

  @Test
  void howmanyMustBeAPositiveInteger() {
    for (String bad : new String[] {"0", "-1", "abc", "1.5"}) {
      assertEquals(2, schedule("--howmany", bad, "--endpoint", endpoint()), bad);
      assertOneErrorLine("--howmany");
    }
    assertEquals(2, schedule("--endpoint", endpoint()));
    assertOneErrorLine("--howmany N is required");
    assertEquals(List.of(), sim.requests());
  }

  @Test
  void missingPriorityListIsAUsageError() {
    assertEquals(
        2,
        schedule(
            "--howmany",
            "1",
            "--endpoint",
            endpoint(),
            "--priority-list",
            dir.resolve("nope.txt").toString()));
    assertOneErrorLine("priority list");
    assertEquals(List.of(), sim.requests());
  }

  @Test
  void malformedEndpointIsAUsageError() {
    for (String bad : new String[] {"localhost:18080", "ftp://ldm", "http://", "http://a b"}) {
      assertEquals(2, schedule("--howmany", "1", "--endpoint", bad), bad);
      assertOneErrorLine("endpoint");
    }
    env.put("FERRY_LDM_ENDPOINT", "gopher://x");
    assertEquals(2, schedule("--howmany", "1"));
    assertOneErrorLine("FERRY_LDM_ENDPOINT: malformed endpoint URL");
  }

  @Test
  void passwordAndPasswordFileTogetherAreAUsageError() throws Exception {
    Path pw = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
    assertEquals(
        2,
        schedule(
            "--howmany",
            "1",
            "--endpoint",
            endpoint(),
            "--username",
            "admin",
            "--password",
            PASSWORD,
            "--password-file",
            pw.toString()));
    assertOneErrorLine("not both");
    assertFalse(err.toString().contains(PASSWORD));
    assertEquals(List.of(), sim.requests());
  }

  @Test
  void passwordFileFirstLineAuthenticatesAndDebugNeverShowsIt() throws Exception {
    sim.requireBasicAuth("admin", PASSWORD);
    Path pw = Files.writeString(dir.resolve("pw"), PASSWORD + "\r\nsecond line\n");
    assertEquals(
        0,
        schedule(
            "--debug",
            "--howmany",
            "1",
            "--endpoint",
            endpoint(),
            "--username",
            "admin",
            "--password-file",
            pw.toString()));
    assertEquals(1, sim.startRequests().size());
    assertTrue(
        err.toString().contains("debug: GET " + endpoint() + "/migrations -> 200"), err.toString());
    assertTrue(err.toString().contains("/start -> 200"), err.toString());
    String all = out.toString() + err.toString();
    assertFalse(all.contains(PASSWORD), all);
    assertFalse(all.contains("Authorization") || all.contains("Basic "), all);
    for (RecordedRequest r : sim.requests()) {
      assertFalse(r.withoutAuthorization().contains(PASSWORD));
    }
  }

  @Test
  void environmentGivesEndpointAndCredentials() {
    sim.requireBasicAuth("envuser", PASSWORD);
    env.put("FERRY_LDM_ENDPOINT", endpoint());
    env.put("FERRY_LDM_USERNAME", "envuser");
    env.put("FERRY_LDM_PASSWORD", PASSWORD);
    assertEquals(0, schedule("--howmany", "1"));
    assertEquals(1, sim.startRequests().size());
  }

  @Test
  void configFileGivesEverySetting() throws Exception {
    sim.requireBasicAuth("cfg", PASSWORD);
    Path pw = Files.writeString(dir.resolve("pw"), PASSWORD);
    Path lock = dir.resolve("cfg.lock");
    config =
        Files.writeString(
            dir.resolve("ferry.toml"),
            String.join(
                "\n",
                "[ldm]",
                "endpoint = \"" + endpoint() + "\"",
                "username = \"cfg\"",
                "password-file = \"" + pw + "\"",
                "timeout = 5",
                "insecure = false",
                "[schedule]",
                "howmany = 2",
                "priority-list = \"" + priorities + "\"",
                "lock-file = \"" + lock + "\"",
                ""));
    assertEquals(0, schedule("--lock-file", lock.toString()));
    assertEquals("SCHEDULED", sim.state("m-c"));
    assertEquals("SCHEDULED", sim.state("m-b"));
    assertEquals("NONSCHEDULED", sim.state("m-a"));
    assertTrue(Files.exists(lock));
  }

  @Test
  void badConfigValueNamesItsSource() throws Exception {
    config = Files.writeString(dir.resolve("bad.toml"), "[schedule]\nhowmany = 0\n");
    assertEquals(2, schedule("--endpoint", endpoint()));
    assertOneErrorLine("schedule.howmany: '0' is not a positive integer");
    config = Files.writeString(dir.resolve("bad2.toml"), "[ldm]\ninsecure = \"yes\"\n");
    assertEquals(2, schedule("--howmany", "1", "--endpoint", endpoint()));
    assertOneErrorLine("ldm.insecure: 'yes' is not true or false");
    assertEquals(List.of(), sim.requests());
  }

  @Test
  void flagBeatsEnvironmentBeatsConfig() throws Exception {
    config =
        Files.writeString(dir.resolve("c.toml"), "[ldm]\nendpoint = \"http://config.invalid:1\"\n");
    env.put("FERRY_LDM_ENDPOINT", "http://env.invalid:1");
    assertEquals(0, schedule("--howmany", "1", "--endpoint", endpoint()));
    env.remove("FERRY_LDM_ENDPOINT");
    assertEquals(3, schedule("--howmany", "1", "--timeout", "2"));
    assertOneErrorLine("config.invalid");
  }

  @Test
  void ldmFailuresExitThreeAndStartNothing() {
    sim.faults().listStatus(500);
    assertEquals(3, schedule("--howmany", "1", "--endpoint", endpoint()));
    assertOneErrorLine("HTTP 500");
    sim.faults().clear();
    sim.faults().listBody("{\"migrations\": []}");
    assertEquals(3, schedule("--howmany", "1", "--endpoint", endpoint()));
    assertOneErrorLine("not an array");
    sim.faults().clear();
    sim.requireBasicAuth("admin", "x");
    assertEquals(3, schedule("--howmany", "1", "--endpoint", endpoint()));
    assertOneErrorLine("HTTP 401");
    assertEquals(List.of(), sim.startRequests());
  }

  @Test
  void heldLockExitsFour() {
    Path lock = dir.resolve("held.lock");
    try (RunLock held = RunLock.acquire(lock, 1)) {
      assertEquals(
          4, schedule("--howmany", "1", "--endpoint", endpoint(), "--lock-file", lock.toString()));
    }
    assertOneErrorLine("holds the lock");
    assertEquals(List.of(), sim.requests());
  }

  @Test
  void failedStartExitsOneAfterTryingTheOthers() {
    sim.faults().startStatus(500);
    assertEquals(1, schedule("--howmany", "3", "--endpoint", endpoint()));
    assertEquals(3, sim.startRequests().size());
    assertOneErrorLine("3 of 3 starts failed");
  }

  @Test
  void badIntervalAndTimeoutAreUsageErrors() {
    assertEquals(2, schedule("--howmany", "1", "--watch", "soon"));
    assertOneErrorLine("not an interval");
    assertEquals(2, schedule("--howmany", "1", "--timeout", "0", "--endpoint", endpoint()));
    assertOneErrorLine("--timeout");
    assertEquals(List.of(), sim.requests());
  }

  @Test
  void insecureWarns() {
    assertEquals(0, schedule("--howmany", "1", "--endpoint", endpoint(), "--insecure"));
    assertOneErrorLine("warning: --insecure");
  }

  @Test
  void usernameWithoutPasswordIsAUsageError() {
    assertEquals(2, schedule("--howmany", "1", "--endpoint", endpoint(), "--username", "u"));
    assertOneErrorLine("no password");
  }
}
