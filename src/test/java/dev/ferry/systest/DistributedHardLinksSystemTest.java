package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hard links across worker processes: names of one source inode handled by different workers (in
 * different directories, so different batch tasks) become one target inode, and only those.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DistributedHardLinksSystemTest {
  private final DistributedCli cli = new DistributedCli();
  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    cli.killAll();
  }

  private Process worker(String name, String... extra) throws Exception {
    return cli.start(cli.env(), DistributedCopySystemTest.workerArgs(name, extra));
  }

  /**
   * {@code dirs} directories each holding a name of the same {@code shared} inodes and a file of
   * its own, plus one inode with names in three directories; the root gets a fixed old mtime.
   */
  private static void linkedTree(Path src, int dirs, int shared) throws Exception {
    Files.createDirectories(src.resolve("d0"));
    for (int i = 0; i < shared; i++) {
      Files.writeString(src.resolve("d0/n" + i), "shared inode " + i + "\n".repeat(i * 37));
    }
    for (int d = 1; d < dirs; d++) {
      Path sub = Files.createDirectories(src.resolve("d" + d));
      for (int i = 0; i < shared; i++) {
        Files.createLink(sub.resolve("n" + i), src.resolve("d0/n" + i));
      }
      Files.writeString(sub.resolve("own"), "own file " + d);
    }
    Path three =
        Files.writeString(Files.createDirectories(src.resolve("x/y")).resolve("three"), "3");
    Files.createLink(src.resolve("d1/three"), three);
    Files.createLink(src.resolve("d2/also-three"), three);
    Files.setLastModifiedTime(src, FileTime.fromMillis(1_500_000_000_123L));
  }

  @Test
  void twoWorkersLinkNamesAcrossDirectoriesExactlyAndARerunChangesNothing() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    linkedTree(src, 50, 6);
    worker("w1");
    worker("w2");

    DistributedCli.Result r = cli.run("sync", src.toString(), dst.toString(), "--wait");

    assertEquals(0, r.exit(), r.toString());
    assertLinkedLikeSource(src, dst);
    Map<String, Object> before = ctimes(dst);

    DistributedCli.Result again = cli.run("copy", src.toString(), dst.toString(), "--wait");

    assertEquals(0, again.exit(), again.toString());
    assertEquals(before, ctimes(dst), "the second run changed the target: " + again);
  }

  @Test
  void aWorkerKilledMidJobStillLeavesExactLinks() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    linkedTree(src, 200, 12);
    DistributedCli.Result published = cli.run("copy", src.toString(), dst.toString());
    assertEquals(0, published.exit(), published.toString());
    String job = published.out().strip();

    Process doomed = worker("doomed", "--threads=1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    long copied;
    while ((copied = DistributedCopySystemTest.countFiles(dst)) < 300
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(doomed.isAlive(), () -> "the worker to kill died: " + result(doomed));
    assertTrue(copied >= 300, "the worker to kill copied part of the job in time");
    doomed.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    doomed.destroyForcibly(); // kill -9 in the middle of the job
    doomed.waitFor();
    assertTrue(
        DistributedCopySystemTest.countFiles(dst) < 2000,
        "the job was over before the kill; make it bigger");

    worker("survivor-1");
    worker("survivor-2");
    DistributedCli.Result waited = cli.run("status", job, "--watch", "--interval=1");
    assertEquals(0, waited.exit(), waited.toString());
    assertTrue(waited.out().contains("state:    succeeded"), waited.toString());
    assertLinkedLikeSource(src, dst);
  }

  /**
   * Same names; names share a target inode exactly when they share a source inode; link counts are
   * the source's; the root's mtime is the source's; nothing of ferry's is left.
   */
  private static void assertLinkedLikeSource(Path src, Path dst) throws Exception {
    assertEquals(names(src), names(dst));
    Map<Object, Object> sourceToTarget = new HashMap<>();
    Map<Object, Object> targetToSource = new HashMap<>();
    int linked = 0;
    for (String rel : names(src)) {
      Path s = src.resolve(rel);
      if (!Files.isRegularFile(s, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Object si = attr(s, "ino");
      Object ti = attr(dst.resolve(rel), "ino");
      assertEquals(attr(s, "nlink"), attr(dst.resolve(rel), "nlink"), rel);
      assertEquals(ti, sourceToTarget.computeIfAbsent(si, k -> ti), rel);
      assertEquals(si, targetToSource.computeIfAbsent(ti, k -> si), rel);
      linked += (Integer) attr(s, "nlink") > 1 ? 1 : 0;
    }
    assertTrue(linked > 100, "the tree has linked names: " + linked);
    assertEquals(
        Files.getLastModifiedTime(src), Files.getLastModifiedTime(dst), "the root's mtime");
  }

  private static Object attr(Path p, String name) throws Exception {
    return Files.getAttribute(p, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
  }

  private static List<String> names(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  /** Every entry's ctime (changed by any write, link, chmod or utimes), the root included. */
  private static Map<String, Object> ctimes(Path root) throws Exception {
    Map<String, Object> out = new TreeMap<>();
    for (String rel : names(root)) {
      out.put(rel, attr(root.resolve(rel), "ctime"));
    }
    return out;
  }

  private String result(Process p) {
    try {
      return cli.result(p).toString();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
