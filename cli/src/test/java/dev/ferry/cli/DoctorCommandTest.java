package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private int doctor(String config, String... args) throws Exception {
    Path file = dir.resolve("ferry.toml");
    Files.writeString(file, config);
    String[] all = new String[args.length + 3];
    all[0] = "--config";
    all[1] = file.toString();
    all[2] = "doctor";
    System.arraycopy(args, 0, all, 3, args.length);
    return Main.run(new PrintWriter(out), new PrintWriter(err), Map.of(), all);
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
        line("filesystem panda mounted").get().contains("empty mount point"), out.toString());
    assertTrue(line("filesystem panda mounted").get().contains("mount the filesystem at " + empty));
    assertTrue(out.toString().contains("1 of 2 checks failed"), out.toString());
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
  void aMissingMountOrMissingKeyFails() throws Exception {
    int code =
        doctor(
            "[filesystems.gone]\nmount = \""
                + dir.resolve("nowhere")
                + "\"\n[filesystems.nomount]\nwrite = true\n");
    assertEquals(ExitCode.FAILED, code, out.toString());
    assertVerdict("filesystem gone mounted", "FAIL");
    assertVerdict("filesystem nomount configured", "FAIL");
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
}
