package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.scheduler.sim.RecordedRequest;
import dev.ferry.scheduler.sim.SimFixtures;
import dev.ferry.systest.FerryBinary.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LDM password reaches LDM in the Authorization header and nowhere else. */
class ScheduleSecretsSystemTest extends ScheduleSystemTest {
  private static final String PASSWORD = "Tr0ub4dor&3-horse";
  private static final String BASIC =
      Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes());

  @BeforeEach
  void fixture() {
    SimFixtures.reference(sim);
    sim.requireBasicAuth("admin", PASSWORD);
  }

  private void assertNoLeak(Result r) {
    for (String text : new String[] {r.out(), r.err()}) {
      assertFalse(text.contains(PASSWORD), text);
      assertFalse(text.contains(BASIC), text);
      assertFalse(text.contains("Authorization"), text);
    }
    for (RecordedRequest req : sim.requests()) {
      assertFalse(req.withoutAuthorization().contains(PASSWORD), req.toString());
    }
  }

  @Test
  void passwordFileWithDebug() throws Exception {
    Path pw = Files.writeString(dir.resolve("ldm.pw"), PASSWORD + "\n");
    Result r =
        schedule(
            "--debug", "--howmany", "1", "--username", "admin", "--password-file", pw.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("debug: GET " + sim.endpoint() + "/migrations -> 200"), r.err());
    assertTrue(r.err().contains("/start -> 200"), r.err());
    assertEquals(1, sim.startRequests().size());
    assertNoLeak(r);
  }

  @Test
  void passwordFlagWithDebug() {
    Result r = schedule("--debug", "--howmany", "2", "--username", "admin", "--password", PASSWORD);
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, sim.startRequests().size());
    assertNoLeak(r);
  }

  @Test
  void environmentWithDebugAndJson() {
    ferry.env("FERRY_LDM_USERNAME", "admin").env("FERRY_LDM_PASSWORD", PASSWORD);
    Result r = schedule("--debug", "--json", "--howmany", "1");
    assertEquals(0, r.exit(), r.err());
    assertNoLeak(r);
  }

  @Test
  void promptedPasswordFromStdin() {
    Result r =
        ferry.run(
            PASSWORD + "\n", scheduleArgs("--howmany", "1", "--username", "admin", "--password"));
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertEquals(1, sim.startRequests().size());
    assertNoLeak(r);
  }

  @Test
  void promptedPasswordKeepsJsonOutputClean() throws Exception {
    Result r =
        ferry.run(
            PASSWORD + "\n",
            scheduleArgs("--howmany", "1", "--json", "--username", "admin", "--password"));
    assertEquals(0, r.exit(), r.err());
    new ObjectMapper().readTree(r.out());
    assertNoLeak(r);
  }

  @Test
  void nothingEnteredAtThePromptIsAUsageError() {
    Result r = ferry.run("", scheduleArgs("--howmany", "1", "--username", "admin", "--password"));
    assertEquals(2, r.exit(), r.err());
    assertOneErrorLine(r, "no password was entered for --password");
    assertEquals(0, sim.requests().size());
  }

  @Test
  void failuresWithDebugStackTracesDoNotLeakEither() throws Exception {
    sim.faults().startStatus(500);
    Path pw = Files.writeString(dir.resolve("ldm.pw"), PASSWORD);
    Result failed =
        schedule(
            "--debug", "--howmany", "3", "--username", "admin", "--password-file", pw.toString());
    assertEquals(1, failed.exit());
    assertNoLeak(failed);
    sim.faults().clear();
    sim.faults().listStatus(502);
    Result down =
        schedule(
            "--debug", "--howmany", "3", "--username", "admin", "--password-file", pw.toString());
    assertEquals(3, down.exit());
    assertTrue(down.err().contains("LdmServiceException"), "stack trace with --debug");
    assertNoLeak(down);
  }
}
