package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ferry.scheduler.sim.SimFixtures;
import dev.ferry.systest.FerryBinary.Result;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every bad input of issue 2: the documented exit code, exactly one line on stderr, and nothing
 * started (nor any lock file created for usage errors).
 */
class ScheduleBadInputSystemTest extends ScheduleSystemTest {

  @BeforeEach
  void fixture() {
    SimFixtures.reference(sim);
  }

  private void assertRefused(Result r, int exit, String expected) {
    assertEquals(exit, r.exit(), "stdout: " + r.out() + "\nstderr: " + r.err());
    assertOneErrorLine(r, expected);
    assertEquals("", r.out());
    assertEquals(List.of(), sim.startRequests());
  }

  // ---- LDM refusing or unreachable: exit 3 ----------------------------------------------------

  @Test
  void unreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertRefused(
        schedule("--howmany", "1", "--endpoint", "http://127.0.0.1:" + port), 3, "cannot connect");
  }

  @Test
  void unauthorized() {
    sim.requireBasicAuth("admin", "right");
    assertRefused(schedule("--howmany", "1"), 3, "requires authentication (HTTP 401)");
    sim.clearRequests();
    ferry.env("FERRY_LDM_PASSWORD", "wrong-password-123");
    Result r = schedule("--howmany", "1", "--username", "admin");
    assertRefused(r, 3, "rejected the credentials of user 'admin' (HTTP 401)");
    assertFalse(r.err().contains("wrong-password-123"));
  }

  @Test
  void notFound() {
    assertRefused(
        schedule("--howmany", "1", "--endpoint", sim.endpoint() + "/wrong/prefix"), 3, "HTTP 404");
  }

  @Test
  void serverError() {
    sim.faults().listStatus(500);
    assertRefused(schedule("--howmany", "1"), 3, "failed to list migrations: HTTP 500");
  }

  @Test
  void malformedJson() {
    sim.faults().listBody("[ { \"migrationId\" : \"m-a\", ");
    assertRefused(schedule("--howmany", "1"), 3, "malformed JSON");
  }

  @Test
  void nonArrayBody() {
    sim.faults().listBody("{ \"content\" : [ ], \"page\" : 0 }");
    assertRefused(schedule("--howmany", "1"), 3, "JSON object, not an array of migrations");
  }

  @Test
  void listTimeout() {
    sim.faults().listDelay(Duration.ofSeconds(4));
    assertRefused(schedule("--howmany", "1", "--timeout", "1"), 3, "did not answer within 1s");
  }

  // ---- usage and configuration: exit 2, before any request ----------------------------------

  private void assertUsage(Result r, String expected) {
    assertRefused(r, 2, expected);
    assertEquals(List.of(), sim.requests());
    assertFalse(Files.exists(lockFile()), "a usage error must not create the lock file");
  }

  @Test
  void missingPriorityList() {
    assertUsage(
        schedule("--howmany", "1", "--priority-list", dir.resolve("nope.txt").toString()),
        "does not exist");
  }

  @Test
  void unreadablePriorityList() throws Exception {
    Path asDirectory = Files.createDirectory(dir.resolve("list.d"));
    assertUsage(schedule("--howmany", "1", "--priority-list", asDirectory.toString()), "directory");
    Path binary = Files.write(dir.resolve("bin.txt"), new byte[] {(byte) 0xc3, (byte) 0x28});
    assertUsage(schedule("--howmany", "1", "--priority-list", binary.toString()), "not UTF-8");
  }

  @Test
  void howmanyNotAPositiveInteger() {
    assertUsage(schedule("--howmany", "0"), "--howmany must be a positive integer, not 0");
    assertUsage(schedule("--howmany", "-2"), "--howmany must be a positive integer, not -2");
    assertUsage(schedule("--howmany", "two"), "'two' is not an int");
    assertUsage(schedule("--howmany", "99999999999"), "--howmany");
    assertUsage(schedule(), "--howmany N is required");
  }

  @Test
  void malformedEndpoint() {
    assertUsage(schedule("--howmany", "1", "--endpoint", "localhost:18080"), "http:// or https://");
    assertUsage(schedule("--howmany", "1", "--endpoint", "http://"), "malformed endpoint URL");
    assertUsage(schedule("--howmany", "1", "--endpoint", "http://x y:1"), "malformed endpoint URL");
  }

  @Test
  void passwordAndPasswordFileTogether() throws Exception {
    Path pw = Files.writeString(dir.resolve("pw"), "file-secret-9\n");
    Result r =
        schedule(
            "--howmany",
            "1",
            "--username",
            "u",
            "--password",
            "flag-secret-9",
            "--password-file",
            pw.toString());
    assertUsage(r, "either --password or --password-file, not both");
    assertFalse(r.err().contains("secret-9"));
  }

  @Test
  void unknownFlag() {
    assertUsage(schedule("--howmany", "1", "--how-many-more", "2"), "--how-many-more");
  }
}
