package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A symlink planted in DST (a directory or a file replaced by a link to elsewhere) is never written
 * through: the place it points to stays exactly as it was, and the pass puts a real directory or
 * file where SRC has one.
 */
class MoverSymlinkTest {
  private static final Instant OLD = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant NEW = Instant.parse("2024-01-01T00:00:00Z");

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"copy", "sync"})
  void plantedLinksInTheTargetAreNeverWrittenThrough(String command) throws Exception {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Path outside = tmp.resolve("outside");
    MoverTrees.randomFile(src.resolve("sub/deeper/file.txt"), 5000, 1, OLD);
    MoverTrees.randomFile(src.resolve("sub/other.txt"), 100, 2, OLD);
    MoverTrees.randomFile(src.resolve("top.txt"), 3000, 3, OLD);
    MoverCli.Outcome first = MoverCli.run("copy", src.toString(), dst.toString());
    assertEquals(0, first.exit(), first.describe());

    // Someone swaps a target directory and a target file for links to a place outside DST ...
    MoverTrees.randomFile(outside.resolve("deeper/file.txt"), 17, 9, OLD);
    MoverTrees.randomFile(outside.resolve("victim.txt"), 23, 8, OLD);
    MoverTrees.sh(
        "cd \"$1\" && rm -r sub && ln -s \"$2\" sub && rm top.txt && ln -s \"$2/victim.txt\" top.txt",
        dst.toString(),
        outside.toString());
    // ... and the source changes, so the pass has to write exactly there.
    MoverTrees.randomFile(src.resolve("sub/deeper/file.txt"), 6000, 4, NEW);
    MoverTrees.randomFile(src.resolve("sub/deeper/new.txt"), 700, 5, NEW);
    MoverTrees.randomFile(src.resolve("top.txt"), 3100, 6, NEW);
    TreeSnapshot outsideBefore = TreeSnapshot.of(outside);

    MoverCli.Outcome again = MoverCli.run(command, src.toString(), dst.toString());

    assertEquals(
        List.of(), outsideBefore.differences(TreeSnapshot.of(outside)), "written through a link");
    assertEquals(0, again.exit(), again.describe());
    assertTrue(Files.isDirectory(dst.resolve("sub"), LinkOption.NOFOLLOW_LINKS));
    List<String> diff =
        TreeSnapshot.of(src).withoutDirTimes().differences(TreeSnapshot.of(dst).withoutDirTimes());
    assertTrue(diff.isEmpty(), String.join("\n", diff));
  }

  @Test
  void aLinkInTheSourceIsCopiedAsALinkNeverFollowed() throws Exception {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Path outside = tmp.resolve("outside");
    MoverTrees.randomFile(outside.resolve("big-elsewhere.bin"), 1 << 20, 7, OLD);
    Files.createDirectories(src);
    Files.createSymbolicLink(src.resolve("dir-link"), outside);
    Files.createSymbolicLink(src.resolve("file-link"), outside.resolve("big-elsewhere.bin"));

    MoverCli.Outcome o = MoverCli.run("copy", src.toString(), dst.toString());

    assertEquals(0, o.exit(), o.describe());
    assertEquals(outside, Files.readSymbolicLink(dst.resolve("dir-link")));
    assertEquals(
        outside.resolve("big-elsewhere.bin"), Files.readSymbolicLink(dst.resolve("file-link")));
    try (var all = Files.walk(dst)) {
      assertEquals(3, all.count(), "something behind the links was copied");
    }
  }
}
