package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code delete} removes only what SRC definitely lacks, and refuses an empty SRC over a non-empty
 * DST (the forgotten mount) unless told {@code --allow-empty-source}.
 */
class MoverDeleteTest {
  private static final Instant T = Instant.parse("2020-05-05T05:05:05Z");

  @TempDir Path tmp;
  private Path src;
  private Path dst;

  @BeforeEach
  void trees() throws Exception {
    src = Files.createDirectory(tmp.resolve("src"));
    dst = tmp.resolve("dst");
    MoverTrees.randomFile(dst.resolve("projects/a/data.bin"), 4000, 1, T);
    MoverTrees.randomFile(dst.resolve("top.txt"), 100, 2, T);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"delete", "sync"})
  void anEmptySourceOverAFullTargetIsRefused(String command) throws Exception {
    TreeSnapshot before = TreeSnapshot.of(dst);

    MoverCli.Outcome o = MoverCli.run(command, src.toString(), dst.toString());

    assertEquals(2, o.exit(), o.describe());
    assertEquals(1, o.stderrLines().size(), o.describe());
    assertEquals(List.of(), before.differences(TreeSnapshot.of(dst)), "DST changed");
  }

  @Test
  void allowEmptySourceEmptiesTheTarget() throws Exception {
    MoverCli.Outcome o =
        MoverCli.run("delete", "--allow-empty-source", src.toString(), dst.toString());

    assertEquals(0, o.exit(), o.describe());
    try (var left = Files.list(dst)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void deleteRemovesOnlyWhatTheSourceLacksAndNeverFollowsLinks() throws Exception {
    MoverTrees.randomFile(src.resolve("projects/a/data.bin"), 4000, 1, T);
    Path outside = tmp.resolve("outside");
    MoverTrees.randomFile(outside.resolve("precious.txt"), 300, 3, T);
    MoverTrees.randomFile(dst.resolve("projects/a/removed-by-user.txt"), 10, 4, T);
    MoverTrees.randomFile(dst.resolve("projects/old/deep/x.txt"), 10, 5, T);
    Files.createSymbolicLink(dst.resolve("projects/link-to-outside"), outside);
    Files.createSymbolicLink(dst.resolve("projects/a/file-link"), outside.resolve("precious.txt"));
    TreeSnapshot outsideBefore = TreeSnapshot.of(outside);

    MoverCli.Outcome o = MoverCli.run("delete", src.toString(), dst.toString());

    assertEquals(0, o.exit(), o.describe());
    assertEquals(List.of(), outsideBefore.differences(TreeSnapshot.of(outside)), "outside changed");
    assertTrue(
        Files.isRegularFile(dst.resolve("projects/a/data.bin")), "a file SRC has was deleted");
    for (String gone :
        List.of(
            "top.txt",
            "projects/a/removed-by-user.txt",
            "projects/old",
            "projects/link-to-outside",
            "projects/a/file-link")) {
      assertFalse(Files.exists(dst.resolve(gone), LinkOption.NOFOLLOW_LINKS), gone + " is left");
    }
  }
}
