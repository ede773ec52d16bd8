package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.amqp.BrokerConnector;
import dev.ferry.mover.amqp.BrokerSettings;
import dev.ferry.mover.amqp.TestBroker;
import dev.ferry.mover.amqp.Topology;
import dev.ferry.mover.amqp.TopologyCleanup;
import dev.ferry.scheduler.sim.LdmSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ferry doctor} on real directories: a temp dir stands for an empty mount point (same
 * device as its parent), {@code /dev/shm} for a real writable mount, {@code /proc} for a mounted
 * filesystem that cannot be written.
 */
class DoctorCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private Map<String, String> env = Map.of();

  private int doctor(String config, String... args) throws Exception {
    Path file = dir.resolve("ferry.toml");
    Files.writeString(file, config);
    String[] all = new String[args.length + 3];
    all[0] = "--config";
    all[1] = file.toString();
    all[2] = "doctor";
    System.arraycopy(args, 0, all, 3, args.length);
    return Main.run(new PrintWriter(out), new PrintWriter(err), env, all);
  }

  /** The table line whose check column is {@code check}. */
  private Optional<String> line(String check) {
    return out.toString().lines().filter(l -> l.startsWith(check + " ")).findFirst();
  }

  private void assertVerdict(String check, String verdict) {
    String l = line(check).orElseThrow(() -> new AssertionError("no line " + check + "\n" + out));
    List<String> columns = List.of(l.substring(check.length()).strip().split("\\s+"));
    assertEquals(verdict, columns.get(0), l);
  }

  @Test
  void anEmptyMountPointFailsWithTheFix() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("panda"));
    int code = doctor("[filesystems.panda]\nmount = \"" + empty + "\"\nwrite = true\n");
    assertEquals(ExitCode.FAILED, code, out.toString());
    assertVerdict("config file parsed", "ok");
    assertVerdict("filesystem panda mounted", "FAIL");
    assertTrue(
        line("filesystem panda mounted").get().contains("on the same device as its parent"),
        out.toString());
    assertTrue(line("filesystem panda mounted").get().contains("mount it at " + empty));
    assertTrue(out.toString().matches("(?s).*\\n1 of \\d+ checks failed\\R.*"), out.toString());
  }

  @Test
  void aRealWritableMountPasses() throws Exception {
    Path shm = Path.of("/dev/shm");
    int code = doctor("[filesystems.scratch]\nmount = \"" + shm + "\"\nwrite = true\n");
    assertEquals(ExitCode.OK, code, out.toString());
    assertVerdict("filesystem scratch mounted", "ok");
    assertVerdict("filesystem scratch readable", "ok");
    assertVerdict("filesystem scratch writable", "ok");
    try (var left = Files.list(shm)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".ferry-doctor-")));
    }
  }

  @Test
  void aReadOnlyMountMarkedWritableFails() throws Exception {
    int code =
        doctor(
            "[filesystems.proc]\nmount = \"/proc\"\nwrite = true\n"
                + "[filesystems.src]\nmount = \"/proc\"\nwrite = false\n");
    assertEquals(ExitCode.FAILED, code, out.toString());
    assertVerdict("filesystem proc mounted", "ok");
    assertVerdict("filesystem proc writable", "FAIL");
    assertTrue(line("filesystem proc writable").get().contains("set write = false"));
    assertVerdict("filesystem src writable", "-");
  }

  @Test
  void aMissingMountFails() throws Exception {
    int code = doctor("[filesystems.gone]\nmount = \"" + dir.resolve("nowhere") + "\"\n");
    assertEquals(ExitCode.FAILED, code, out.toString());
    assertVerdict("filesystem gone mounted", "FAIL");
  }

  @Test
  void aTableWithoutMountIsAFailedLine() throws Exception {
    int code = doctor("[filesystems.nomount]\nwrite = true\n");
    assertEquals(ExitCode.FAILED, code, out.toString());
    assertVerdict("filesystems configured", "FAIL");
    assertTrue(line("filesystems configured").get().contains("filesystems.nomount.mount"));
  }

  @Test
  void aPlainDirectoryIsAcceptedWhenItNeedNotBeAMount() throws Exception {
    Path plain = Files.createDirectory(dir.resolve("plain"));
    int code =
        doctor(
            "[filesystems.plain]\nmount = \""
                + plain
                + "\"\nwrite = true\nrequire_mount = false\n");
    assertEquals(ExitCode.OK, code, out.toString());
    assertVerdict("filesystem plain mounted", "ok");
    assertVerdict("filesystem plain writable", "ok");
  }

  @Test
  void aBrokenConfigFileIsAFailedLineNotACrash() throws Exception {
    int code = doctor("[filesystems.panda\nmount = ");
    assertEquals(ExitCode.FAILED, code, out.toString() + err);
    assertVerdict("config file parsed", "FAIL");
    assertEquals("", err.toString());
  }

  @Test
  void graphShowsTheWiringWithoutSecrets() throws Exception {
    int code =
        doctor(
            "[ldm]\nendpoint = \"https://ldm.example:18080\"\n"
                + "[broker]\nuri = \"amqp://ferry:s3cret@mq.example:5672/%2F\"\n"
                + "[metrics]\nport = 9464\n"
                + "[filesystems.panda]\nmount = \"/mnt/panda\"\nwrite = false\n"
                + "[filesystems.badger]\nmount = \"/mnt/badger\"\nwrite = true\n",
            "--graph");
    assertEquals(ExitCode.OK, code, err.toString());
    String g = out.toString();
    assertTrue(g.startsWith("flowchart LR\n"), g);
    assertTrue(g.contains("https://ldm.example:18080"), g);
    assertTrue(g.contains("amqp://mq.example:5672/%2F"), g);
    assertFalse(g.contains("s3cret"), g);
    assertFalse(g.contains("ferry:"), g);
    assertTrue(g.contains("worker --> fs_panda"), g);
    assertTrue(g.contains("worker <--> fs_badger"), g);
    assertTrue(g.contains("scrapes :9464"), g);
  }

  @Test
  void ldmReachableWithAcceptedCredentials() throws Exception {
    try (LdmSimulator ldm = LdmSimulator.start().requireBasicAuth("hdfs", "pw")) {
      ldm.add("m1", "/data/a", "NONSCHEDULED", null);
      ldm.add("m2", "/data/b", "RUNNING", null);
      env = Map.of("FERRY_LDM_USERNAME", "hdfs", "FERRY_LDM_PASSWORD", "pw");
      int code = doctor("", "--endpoint", ldm.endpoint().toString());
      assertEquals(ExitCode.OK, code, out.toString());
      assertVerdict("ldm reachable, credentials accepted", "ok");
      assertTrue(out.toString().contains("2 migrations listed"), out.toString());
      assertFalse(out.toString().contains("pw "), out.toString());
    }
  }

  @Test
  void ldmRefusingTheCredentialsFailsWithTheFix() throws Exception {
    try (LdmSimulator ldm = LdmSimulator.start().requireBasicAuth("hdfs", "right")) {
      Path secret = Files.writeString(dir.resolve("pw"), "wrong-secret\n");
      env = Map.of("FERRY_LDM_USERNAME", "hdfs");
      int code =
          doctor(
              "[ldm]\nendpoint = \"" + ldm.endpoint() + "\"\npassword-file = \"" + secret + "\"\n");
      assertEquals(ExitCode.FAILED, code, out.toString());
      assertVerdict("ldm reachable, credentials accepted", "FAIL");
      assertTrue(out.toString().contains("HTTP 401"), out.toString());
      assertTrue(out.toString().contains("FERRY_LDM_PASSWORD"), out.toString());
      assertFalse(out.toString().contains("wrong-secret"), out.toString());
    }
  }

  @Test
  void ldmUnreachableFails() throws Exception {
    int port;
    try (LdmSimulator ldm = LdmSimulator.start()) {
      port = ldm.endpoint().getPort();
    }
    int code = doctor("", "--endpoint", "http://127.0.0.1:" + port);
    assertEquals(ExitCode.FAILED, code, out.toString());
    assertVerdict("ldm reachable, credentials accepted", "FAIL");
  }

  @Test
  void lustreLibraryLoadedFromTheFakeAndAForcedLustreFilesystem() throws Exception {
    Path fake = Path.of("../lustre-jni/target/fake-lustreapi/liblustreapi.so.1").toAbsolutePath();
    assertTrue(Files.isRegularFile(fake), "the lustre-jni build makes " + fake);
    env = Map.of("FERRY_LUSTREAPI", fake.toString());
    int code =
        doctor(
            "[filesystems.scratch]\nmount = \"/dev/shm\"\nlustre = true\n"
                + "[filesystems.proc]\nmount = \"/proc\"\n");
    assertEquals(ExitCode.OK, code, out.toString());
    assertVerdict("lustre library", "ok");
    assertTrue(line("lustre library").get().contains("loaded from "), out.toString());
    assertVerdict("filesystem scratch lustre", "ok");
    assertVerdict("filesystem proc lustre", "-");
  }

  @Test
  void aLustreFilesystemWithoutTheLibraryFails() throws Exception {
    env = Map.of("FERRY_LUSTREAPI", dir.resolve("no-such-liblustreapi.so").toString());
    int code = doctor("[filesystems.scratch]\nmount = \"/dev/shm\"\nlustre = true\n");
    assertEquals(ExitCode.FAILED, code, out.toString());
    assertVerdict("lustre library", "FAIL");
    assertTrue(line("lustre library").get().contains("set lustre = false"), out.toString());
    assertVerdict("filesystem scratch lustre", "ok");
  }

  @Test
  void noLustreAnywhereIsNotAFailure() throws Exception {
    env = Map.of("FERRY_LUSTREAPI", dir.resolve("no-such-liblustreapi.so").toString());
    int code = doctor("[filesystems.shm]\nmount = \"/dev/shm\"\n");
    assertEquals(ExitCode.OK, code, out.toString());
    assertVerdict("lustre library", "-");
    assertVerdict("filesystem shm lustre", "-");
  }

  @Test
  void brokerReachableAndItsQueuesAsExpected() throws Exception {
    String prefix = TestBroker.uniqueName("doctor");
    BrokerSettings settings = BrokerSettings.of(TestBroker.uri(), Topology.named(prefix));
    // A worker's connection declares the queues, as in production.
    new BrokerConnector(settings, Clock.systemUTC()).connect("doctor test", null).close();
    try {
      String config = "[broker]\nuri = \"" + TestBroker.uri() + "\"\nprefix = \"" + prefix + "\"\n";
      assertEquals(ExitCode.OK, doctor(config), out.toString());
      assertVerdict("broker reachable", "ok");
      assertVerdict("broker queue arguments", "ok");

      out.getBuffer().setLength(0);
      int code = doctor(config + "delivery_limit = 9\n");
      assertEquals(ExitCode.FAILED, code, out.toString());
      assertVerdict("broker queue arguments", "FAIL");
      assertTrue(line("broker queue arguments").get().contains("rabbitmqctl delete_queue"));
    } finally {
      TopologyCleanup.delete(TestBroker.uri(), prefix);
    }
  }

  @Test
  void queuesNotDeclaredYetAreNotAFailure() throws Exception {
    String prefix = TestBroker.uniqueName("doctor-new");
    env = Map.of("FERRY_BROKER", TestBroker.uri(), "FERRY_BROKER_PREFIX", prefix);
    assertEquals(ExitCode.OK, doctor(""), out.toString());
    assertVerdict("broker reachable", "ok");
    assertVerdict("broker queue arguments", "-");
  }

  @Test
  void anUnreachableBrokerFailsWithoutShowingItsPassword() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int code = doctor("", "--broker", "amqp://ferry:s3cret@127.0.0.1:" + port + "/%2F");
    assertEquals(ExitCode.FAILED, code, out.toString());
    assertVerdict("broker reachable", "FAIL");
    assertFalse(out.toString().contains("s3cret"), out.toString());
    assertFalse(err.toString().contains("s3cret"), err.toString());
  }
}
