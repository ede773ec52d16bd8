package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static dev.ferry.mover.engine.Trees.stat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.lustre.NativeFiles;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.Pass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #3: xattrs and ACLs changed in SRC on a file whose data, size and mtime did not change are
 * brought in line by a re-run of {@code copy}, and a re-run with nothing changed writes nothing.
 * Needs ferry's JNI library and root (ACLs, {@code trusted.*} on a symlink), like {@link
 * NativeFidelityTest}.
 */
class UpToDateXattrsTest extends TreeTestBase {
  private static final int NON_DIRECTORIES = 8;

  @BeforeEach
  void nativeLibraryAndRoot() {
    assertTrue(NativeFiles.available(), NativeFiles.unavailableReason().orElse(""));
    assertTrue(Mover.runningAsRoot(), "these tests run as root (trusted.* xattrs)");
  }

  @Test
  void metadataOnlyChangesInTheSourceReachUpToDateTargetsAndAreWrittenOnce() throws Exception {
    sourceTree();
    pastEveryCtime(src());
    RunSummary first = Runs.of(src(), dst()).run();
    assertTrue(first.clean(), first.text() + first.failures());
    Map<String, Long> mtimes = mtimes(src());

    Trees.exec("setfacl", "-m", "u:1234:r", src().resolve("acl").toString());
    setXattr(src().resolve("add"), "user.x", "1");
    NativeFiles.removeXattr(raw(src().resolve("gone")), raw("user.gone"));
    setXattr(src().resolve("h1"), "user.h", "on both names");
    setXattr(src().resolve("link"), "trusted.t", "on the link itself");
    assertEquals(mtimes, mtimes(src()), "metadata-only changes: no mtime moved");
    pastEveryCtime(src());

    RunSummary again = Runs.of(src(), dst()).run();

    assertTrue(again.clean(), again.text() + again.failures());
    assertEquals(0, again.count(Counter.COPIED), again.text());
    assertEquals(0, again.count(Counter.LINKED), again.text());
    assertEquals(NON_DIRECTORIES, again.count(Counter.SKIPPED), again.text());
    assertEquals(acl(src().resolve("acl")), acl(dst().resolve("acl")));
    assertTrue(acl(dst().resolve("acl")).contains("user:1234:r--"), acl(dst().resolve("acl")));
    assertArrayEquals(raw("1"), xattr(dst().resolve("add"), "user.x"));
    List<String> gone = names(dst().resolve("gone"));
    assertFalse(gone.contains("user.gone"), gone.toString());
    assertArrayEquals(raw("on both names"), xattr(dst().resolve("h2"), "user.h"));
    assertEquals(stat(dst().resolve("h1")).ino(), stat(dst().resolve("h2")).ino());
    assertArrayEquals(raw("on the link itself"), xattr(dst().resolve("link"), "trusted.t"));
    RunSummary verify = Runs.of(src(), dst(), Pass.VERIFY).run();
    assertEquals(0, verify.count(Counter.DIFFERENT), verify.text() + verify.differences());

    Map<String, Long> ctimes = ctimes(dst());
    RunSummary unchanged = Runs.of(src(), dst()).run();

    assertTrue(unchanged.clean(), unchanged.text() + unchanged.failures());
    assertEquals(ctimes, ctimes(dst()), "a re-run with nothing changed wrote to the target");
  }

  @Test
  void xattrsAreComparedOnlyWhenTheSourceChangedSinceTheTargetWasWritten() {
    assertFalse(MetadataWriter.xattrsMayDiffer(withCtime(100), withCtime(101)));
    assertTrue(MetadataWriter.xattrsMayDiffer(withCtime(102), withCtime(101)));
    // The kernel's clock ticks coarsely: the same ctime may hide a change made after the copy.
    assertTrue(MetadataWriter.xattrsMayDiffer(withCtime(101), withCtime(101)));
    // A task queued by an older ferry has no ctime: compare, as before this rule.
    assertTrue(MetadataWriter.xattrsMayDiffer(withCtime(EntryStat.UNKNOWN_CTIME), withCtime(101)));
    assertTrue(MetadataWriter.xattrsMayDiffer(withCtime(100), withCtime(EntryStat.UNKNOWN_CTIME)));
  }

  /** Eight non-directories: plain files with and without xattrs, a symlink, two hard links. */
  private void sourceTree() throws Exception {
    file(src().resolve("acl"), "a");
    file(src().resolve("add"), "b");
    setXattr(file(src().resolve("gone"), "c"), "user.gone", "old");
    setXattr(file(src().resolve("same"), "d"), "user.keep", "kept");
    file(src().resolve("d/deep"), "e");
    Files.createSymbolicLink(src().resolve("link"), Path.of("acl"));
    Files.createLink(src().resolve("h2"), file(src().resolve("h1"), "f"));
  }

  /**
   * Waits until the kernel's clock has moved past every ctime under {@code root}, so that what is
   * written next gets a later ctime than anything there (the clock ticks every few ms).
   */
  private void pastEveryCtime(Path root) throws IOException {
    long newest = ctimes(root).values().stream().mapToLong(Long::longValue).max().orElse(0);
    Path probe = tmp.resolve("clock-probe");
    do {
      Files.writeString(probe, "tick");
    } while (stat(probe).ctimeNanos() <= newest);
    Files.delete(probe);
  }

  private static Map<String, Long> ctimes(Path root) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    for (Path p : entries(root)) {
      out.put(root.relativize(p).toString(), stat(p).ctimeNanos());
    }
    return out;
  }

  private static Map<String, Long> mtimes(Path root) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    for (Path p : entries(root)) {
      out.put(root.relativize(p).toString(), stat(p).mtimeNanos());
    }
    return out;
  }

  private static List<Path> entries(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.toList();
    }
  }

  private static EntryStat withCtime(long ctime) {
    return new EntryStat(0100644, 1, 7, 7, 0, 0, 1, 2, 1, 0, ctime);
  }

  private static String acl(Path p) throws Exception {
    return Trees.exec("getfacl", "--omit-header", "--numeric", "--physical", p.toString());
  }

  private static byte[] raw(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] raw(Path p) {
    return raw(p.toString());
  }

  private static void setXattr(Path p, String name, String value) throws Exception {
    NativeFiles.setXattr(raw(p), raw(name), raw(value));
  }

  private static byte[] xattr(Path p, String name) throws Exception {
    return NativeFiles.getXattr(raw(p), raw(name));
  }

  private static List<String> names(Path p) throws Exception {
    return NativeFiles.listXattrs(raw(p)).stream().map(n -> new String(n, UTF_8)).toList();
  }
}
