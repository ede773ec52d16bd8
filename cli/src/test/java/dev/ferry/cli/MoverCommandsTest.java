package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoverCommandsTest {
  @TempDir Path tmp;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return Main.run(new PrintWriter(out), new PrintWriter(err), Map.of(), args);
  }

  private Path src() {
    return tmp.resolve("src");
  }

  private Path dst() {
    return tmp.resolve("dst");
  }

  private void tree() throws Exception {
    Files.createDirectories(src().resolve("d"));
    Files.writeString(src().resolve("d/f"), "hello");
    Files.writeString(src().resolve("g"), "world");
  }

  @Test
  void copyThenVerifyThenSyncAfterChanges() throws Exception {
    tree();
    assertEquals(
        0, run("copy", src().toString(), dst().toString(), "--threads", "2"), err.toString());
    assertTrue(out.toString().startsWith("ferry copy: done"), out.toString());
    assertEquals("hello", Files.readString(dst().resolve("d/f")));
    assertEquals(0, run("verify", src().toString(), dst().toString()), out + "" + err);

    Files.delete(src().resolve("g"));
    Files.writeString(src().resolve("d/new"), "new");
    assertEquals(1, run("verify", src().toString(), dst().toString()));
    assertTrue(out.toString().contains("only in target: g"), out.toString());
    assertTrue(out.toString().contains("missing in target: d/new"), out.toString());

    assertEquals(0, run("sync", src().toString(), dst().toString()), err.toString());
    assertFalse(Files.exists(dst().resolve("g")));
    assertEquals(0, run("verify", src().toString(), dst().toString()), out.toString());
  }

  @Test
  void aclsAreCopiedUnlessNoAcls() throws Exception {
    tree();
    Path f = src().resolve("g");
    exec("setfacl", "-m", "u:1234:rw-", f.toString());

    assertEquals(0, run("copy", src().toString(), dst().toString()), err.toString());
    assertTrue(exec("getfacl", "-n", dst().resolve("g").toString()).contains("user:1234:rw-"));

    Path other = tmp.resolve("other");
    assertEquals(0, run("copy", "--no-acls", src().toString(), other.toString()), err.toString());
    assertFalse(exec("getfacl", "-n", other.resolve("g").toString()).contains("1234"));
  }

  private static String exec(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + text);
    return text;
  }

  @Test
  void jsonSummaryHasEveryCounter() throws Exception {
    tree();
    assertEquals(0, run("copy", "--json", src().toString(), dst().toString()));
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertEquals("copy", j.get("command").asText());
    assertEquals(2, j.get("counts").get("copied").asInt());
    assertEquals(1, j.get("counts").get("dirsCreated").asInt());
    assertTrue(j.get("clean").asBoolean());
  }

  @Test
  void badInputIsOneLineExitTwoAndCreatesNothing() throws Exception {
    tree();
    String[][] cases = {
      {"copy", tmp.resolve("missing").toString(), dst().toString()},
      {"copy", src().resolve("g").toString(), dst().toString()},
      {"copy", src().toString(), src().resolve("d/inside").toString()},
      {"copy", src().resolve("d").toString(), src().toString()},
      {"sync", src().toString(), src().toString()},
      {"copy", "--skip-mtime-newer", "soon", src().toString(), dst().toString()},
      {"copy", "--threads", "0", src().toString(), dst().toString()},
      {"copy", "--threads", "100000", src().toString(), dst().toString()},
      {"copy", "--chunk-size", "12x", src().toString(), dst().toString()},
      {"delete", src().toString(), dst().toString()},
    };
    for (String[] c : cases) {
      assertEquals(ExitCode.USAGE, run(c), String.join(" ", c) + ": " + err);
      assertEquals(1, err.toString().lines().count(), String.join(" ", c) + ": " + err);
      assertTrue(err.toString().startsWith("ferry " + c[0] + ": "), err.toString());
      assertFalse(Files.exists(dst()), String.join(" ", c));
      assertFalse(Files.exists(src().resolve("d/inside")));
    }
  }

  @Test
  void deleteRefusesAnEmptySourceUnlessAllowed() throws Exception {
    Files.createDirectories(src());
    Files.createDirectories(dst());
    Files.writeString(dst().resolve("x"), "x");
    assertEquals(ExitCode.USAGE, run("delete", src().toString(), dst().toString()));
    assertTrue(err.toString().contains("--allow-empty-source"), err.toString());
    assertTrue(Files.exists(dst().resolve("x")));
    assertEquals(0, run("delete", "--allow-empty-source", src().toString(), dst().toString()));
    assertFalse(Files.exists(dst().resolve("x")));
  }

  @Test
  void aFailedItemMeansExitOneWithThePathOnStderr() throws Exception {
    tree();
    Files.createDirectories(dst());
    // A non-empty directory in the target where the source has a file, made undeletable.
    Files.createDirectories(dst().resolve("g/sub"));
    Files.writeString(dst().resolve("g/sub/pinned"), "p");
    ProcessBuilder pb = new ProcessBuilder("chattr", "+i", dst().resolve("g/sub").toString());
    assertEquals(0, pb.start().waitFor());
    try {
      assertEquals(ExitCode.FAILED, run("copy", src().toString(), dst().toString()));
      assertTrue(err.toString().contains("ferry copy: g"), err.toString());
      assertEquals("hello", Files.readString(dst().resolve("d/f")), "the run went on");
    } finally {
      new ProcessBuilder("chattr", "-i", dst().resolve("g/sub").toString()).start().waitFor();
    }
  }

  @Test
  void dryRunAndExcludesAndDurationsAreAccepted() throws Exception {
    tree();
    assertEquals(
        0,
        run(
            "copy",
            "--dry-run",
            "--exclude",
            "g",
            "--skip-mtime-newer",
            "0m",
            "--skip-atime-older",
            "3650d",
            src().toString(),
            dst().toString()));
    assertFalse(Files.exists(dst()));
    assertTrue(out.toString().contains("would copy: d/f"), out.toString());
    assertFalse(out.toString().contains(": g"), out.toString());
  }

  @Test
  void threadsComeFromTheEnvironmentWhenNoFlagIsGiven() throws Exception {
    tree();
    out = new StringWriter();
    err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("FERRY_THREADS", "many"),
            "copy",
            src().toString(),
            dst().toString());
    assertEquals(ExitCode.USAGE, code);
    assertTrue(err.toString().contains("FERRY_THREADS"), err.toString());
    assertFalse(Files.exists(dst()));
  }

  @Test
  void helpListsTheMoverCommands() {
    assertEquals(0, run("--help"));
    for (String c : new String[] {"copy", "delete", "dirtimes", "sync", "verify"}) {
      assertTrue(out.toString().contains("  " + c + " "), out.toString());
    }
    assertEquals(0, run("copy", "--help"));
    assertTrue(out.toString().contains("--allow-empty-source"), out.toString());
  }
}
