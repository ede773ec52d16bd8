package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments during copies of a tree with large and small files: a file whose copy
 * did not finish must never look finished (the source's size and mtime with other content), and the
 * next run must complete the copy.
 */
class MoverKillTest {
  private static final long SEED = 20261125L;
  private static final int ITERATIONS = 5;

  @TempDir static Path shared;
  private static Path src;

  @TempDir Path tmp;

  @BeforeAll
  static void buildSource() throws Exception {
    src = shared.resolve("src");
    Instant t = Instant.parse("2021-06-01T12:00:00.123456Z");
    SplittableRandom rnd = new SplittableRandom(SEED);
    long[] big = {300L << 20, 200L << 20, 150L << 20, 90L << 20};
    for (int i = 0; i < big.length; i++) {
      MoverTrees.randomFile(src.resolve("big/large-" + i + ".bin"), big[i], rnd.nextLong(), t);
    }
    for (int i = 0; i < 1500; i++) {
      Path f = src.resolve("small/d" + (i % 15) + "/f" + i + ".dat");
      MoverTrees.randomFile(f, rnd.nextInt(1, 64 * 1024), rnd.nextLong(), t.plusSeconds(i));
    }
  }

  @Test
  void aKilledCopyNeverLeavesAFileThatLooksFinishedAndTheNextRunCompletesIt() throws Exception {
    SplittableRandom rnd = new SplittableRandom(SEED + 1);
    Map<Path, TreeSnapshot.Entry> want = MoverTrees.files(TreeSnapshot.of(src));
    // The invariant fails the test at once; an incomplete finish is collected, so that every kill
    // is still checked against the invariant.
    List<String> unfinished = new ArrayList<>();
    for (int i = 0; i < ITERATIONS; i++) {
      Path dst = tmp.resolve("dst-" + i);
      // The first kill lands on a fresh copy, the second on a run resuming the first one.
      for (long delay : new long[] {rnd.nextLong(250, 2500), rnd.nextLong(150, 1200)}) {
        killAfter(dst, delay);
        List<String> lies = lookFinishedButDiffer(want, dst);
        assertTrue(
            lies.isEmpty(), "after kill -9 at " + delay + " ms:\n" + String.join("\n", lies));
      }
      MoverCli.Outcome rerun = MoverCli.run("copy", src.toString(), dst.toString());
      assertEquals(0, rerun.exit(), "the run after the kills: " + rerun.describe());
      MoverCli.Outcome verify = MoverCli.run("verify", src.toString(), dst.toString());
      if (verify.exit() != 0) {
        unfinished.add(
            "iteration " + i + ": verify exit " + verify.exit() + "\n" + verify.stdout());
      }
      List<String> diff =
          TreeSnapshot.of(src)
              .withoutDirTimes()
              .differences(TreeSnapshot.of(dst).withoutDirTimes());
      if (!diff.isEmpty()) {
        unfinished.add(
            "iteration " + i + ", DST after the completing copy:\n" + String.join("\n", diff));
      }
    }
    assertEquals(List.of(), unfinished, "the next run did not leave a complete, clean copy");
  }

  /** Starts {@code ferry copy}, waits, then SIGKILLs the JVM (the stub execs java, same pid). */
  private void killAfter(Path dst, long millis) throws Exception {
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p =
        MoverCli.start(
            MoverCli.userEnv(),
            MoverCli.withBinary("copy", src.toString(), dst.toString()),
            out,
            err);
    boolean finished = p.waitFor(millis, TimeUnit.MILLISECONDS);
    if (!finished) {
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ferry did not die after SIGKILL");
    }
  }

  /** Target files that carry the source's size and mtime but not its content. */
  private static List<String> lookFinishedButDiffer(Map<Path, TreeSnapshot.Entry> want, Path dst)
      throws Exception {
    List<String> lies = new ArrayList<>();
    if (!Files.isDirectory(dst)) {
      return lies;
    }
    for (var e : want.entrySet()) {
      Path f = dst.resolve(e.getKey());
      if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      var a =
          Files.readAttributes(
              f, "unix:size,lastModifiedTime", java.nio.file.LinkOption.NOFOLLOW_LINKS);
      long mtime =
          ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
      if ((Long) a.get("size") == e.getValue().size()
          && mtime == e.getValue().mtimeNanos()
          && !TreeSnapshot.digest(f).equals(e.getValue().digest())) {
        lies.add(e.getKey() + " has the source's size and mtime but other content");
      }
    }
    return lies;
  }
}
