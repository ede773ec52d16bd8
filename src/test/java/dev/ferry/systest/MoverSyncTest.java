package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry sync} turns a stale target into an exact copy of the source. */
class MoverSyncTest {
  @TempDir Path tmp;

  @Test
  void syncMakesAStaleTargetIdenticalToTheSource() throws Exception {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    MoverTrees.richTree(src);
    makeStaleCopy(src, dst);

    MoverCli.Outcome sync = MoverCli.run("sync", src.toString(), dst.toString());

    assertEquals(0, sync.exit(), sync.describe());
    List<String> diff = TreeSnapshot.of(src).differences(TreeSnapshot.of(dst));
    assertTrue(diff.isEmpty(), "after sync DST differs from SRC:\n" + String.join("\n", diff));
    String rsync =
        MoverTrees.sh(
            "rsync -aHX --delete --dry-run --itemize-changes \"$1/\" \"$2/\"", src + "", dst + "");
    assertEquals("", rsync, "rsync still sees changes after ferry sync");
    assertTrue(
        blocks(dst.resolve("sparse.bin")) <= blocks(src.resolve("sparse.bin")) + 16,
        "the sparse file's holes were filled in DST");
  }

  @Test
  void syncIntoAnEmptyTargetIsExactAndACopyOverItWritesNothing() throws Exception {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    MoverTrees.richTree(src);
    MoverCli.Outcome first = MoverCli.run("sync", src.toString(), dst.toString());
    assertEquals(0, first.exit(), first.describe());
    List<String> diff = TreeSnapshot.of(src).differences(TreeSnapshot.of(dst));
    assertTrue(diff.isEmpty(), "a fresh sync differs from SRC:\n" + String.join("\n", diff));
    Map<Path, String> before = changeTimes(dst);

    MoverCli.Outcome again = MoverCli.run("copy", src.toString(), dst.toString());

    assertEquals(0, again.exit(), again.describe());
    assertEquals(before, changeTimes(dst), "a re-run over an unchanged tree rewrote files");
  }

  /**
   * An earlier copy that users have since moved on from: one file changed behind a same-size
   * rewrite, one file and one directory tree gone from SRC, a symlink where SRC now has a file, a
   * file where SRC has a directory, and wrong modes and times.
   */
  private static void makeStaleCopy(Path src, Path dst) throws Exception {
    MoverTrees.sh("cp -a \"$1\" \"$2\"", src.toString(), dst.toString());
    MoverTrees.randomFile(
        dst.resolve("docs/readme.txt"), 5000, 99, Instant.parse("2018-01-01T00:00:00Z"));
    MoverTrees.randomFile(dst.resolve("gone.txt"), 100, 98, Instant.now());
    MoverTrees.randomFile(dst.resolve("gone-dir/sub/file"), 100, 97, Instant.now());
    MoverTrees.sh(
        """
        cd "$1"
        chmod 0644 bin/setuid-tool && chmod 0755 shared
        rm hard/single && ln -s ../docs/readme.txt hard/single
        rm -r empty/nested && echo not-a-dir > empty/nested
        touch docs big
        """,
        dst.toString());
  }

  private static long blocks(Path file) throws Exception {
    return Long.parseLong(MoverTrees.sh("stat -c %b \"$1\"", file.toString()).strip());
  }

  /** Inode and ctime of every regular file: both stay put unless something is written. */
  private static Map<Path, String> changeTimes(Path root) throws Exception {
    Map<Path, String> out = new java.util.TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p :
          walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
              .toList()) {
        var a = Files.readAttributes(p, "unix:ino,ctime", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        out.put(root.relativize(p), a.get("ino") + "/" + a.get("ctime"));
      }
    }
    return out;
  }
}
