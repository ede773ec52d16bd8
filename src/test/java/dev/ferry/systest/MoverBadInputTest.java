package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bad pair of roots is refused before anything happens: exit 2, one line on stderr, and the
 * whole scratch area exactly as it was (nothing created, nothing deleted).
 *
 * <p>Unwritable DST: the tests run as root, and root ignores mode bits, so "unwritable" is made in
 * ways root respects: DST is an existing regular file, DST's parent is a regular file (ENOTDIR),
 * and DST is on a read-only mount (a tmpfs mounted read-only in a private mount namespace made with
 * unshare, so nothing outside this test sees it).
 */
class MoverBadInputTest {
  @TempDir Path tmp;
  private Path src;
  private Path dstOuter;

  @BeforeEach
  void tree() throws Exception {
    src = tmp.resolve("src");
    MoverTrees.randomFile(
        src.resolve("a/file.txt"), 1000, 1, Instant.parse("2020-01-01T00:00:00Z"));
    dstOuter = tmp.resolve("outer");
    MoverTrees.randomFile(
        dstOuter.resolve("keep/me.txt"), 500, 2, Instant.parse("2020-01-01T00:00:00Z"));
    Files.writeString(tmp.resolve("plain-file"), "not a directory\n");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"copy", "sync", "delete", "dirtimes", "verify"})
  void sourceMissing(String command) throws Exception {
    refused(command, tmp.resolve("no-such-src"), tmp.resolve("dst"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"copy", "sync", "delete", "dirtimes", "verify"})
  void sourceIsARegularFile(String command) throws Exception {
    refused(command, tmp.resolve("plain-file"), tmp.resolve("dst"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"copy", "sync"})
  void targetInsideSource(String command) throws Exception {
    refused(command, src, src.resolve("a/inner-copy"));
  }

  @Test
  void targetInsideSourceThroughASymlink() throws Exception {
    Files.createSymbolicLink(tmp.resolve("alias"), src);
    refused("copy", src, tmp.resolve("alias/inner-copy"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"copy", "sync", "delete"})
  void sourceInsideTarget(String command) throws Exception {
    Path inner = dstOuter.resolve("keep");
    refused(command, inner, dstOuter);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"copy", "sync", "delete", "dirtimes"})
  void sourceEqualsTarget(String command) throws Exception {
    refused(command, src, src);
  }

  @Test
  void sourceEqualsTargetSpelledDifferently() throws Exception {
    Files.createSymbolicLink(tmp.resolve("alias"), src);
    refused("sync", src, tmp.resolve("alias"));
    refused("sync", src, Path.of(src + "/a/.."));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"copy", "sync"})
  void targetIsARegularFile(String command) throws Exception {
    refused(command, src, tmp.resolve("plain-file"));
  }

  @Test
  void targetParentIsARegularFile() throws Exception {
    refused("copy", src, tmp.resolve("plain-file/dst"));
  }

  @Test
  void targetOnAReadOnlyMount() throws Exception {
    Path ro = Files.createDirectory(tmp.resolve("ro"));
    List<String> before = listing();
    List<String> command =
        List.of(
            "unshare",
            "--mount",
            "sh",
            "-c",
            "mount -t tmpfs -o ro,size=1m ferry-ro \"$1\" && exec \"$2\" copy \"$3\" \"$1/dst\"",
            "sh",
            ro.toString(),
            MoverCli.binary().toString(),
            src.toString());

    MoverCli.Outcome o = MoverCli.runCommand(MoverCli.userEnv(), command);

    // The nearest existing ancestor ("ro") is the one that is not writable; naming it is right.
    assertOneLineExit2(o, "dst|ro");
    assertEquals(before, listing(), "the scratch area changed");
  }

  private void refused(String command, Path from, Path to) throws Exception {
    List<String> before = listing();
    MoverCli.Outcome o = MoverCli.run(command, from.toString(), to.toString());
    assertOneLineExit2(o, from.getFileName() + "|" + to.getFileName());
    assertEquals(before, listing(), "ferry " + command + " changed the scratch area");
  }

  /** Exit 2 and exactly one stderr line that names at least one of the roots. */
  private static void assertOneLineExit2(MoverCli.Outcome o, String names) {
    assertEquals(2, o.exit(), o.describe());
    List<String> lines = o.stderrLines();
    assertEquals(1, lines.size(), "want one stderr line: " + o.describe());
    boolean named = List.of(names.split("\\|")).stream().anyMatch(n -> lines.get(0).contains(n));
    assertTrue(named, "the error line names neither root: " + lines.get(0));
  }

  /** Every path under the scratch dir with its type, size and mtime. */
  private List<String> listing() throws Exception {
    return List.of(
        MoverTrees.sh(
                "cd \"$1\" && find . -printf '%p %y %s %T@ %m\\n' | LC_ALL=C sort", tmp.toString())
            .split("\n"));
  }
}
