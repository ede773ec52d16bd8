package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static dev.ferry.mover.engine.Trees.stat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.junit.jupiter.api.Test;

class CopyFidelityTest extends TreeTestBase {

  @Test
  void contentModesIncludingSetuidAndNanosecondTimesArePreserved() throws Exception {
    Path a = file(src().resolve("a"), "alpha");
    Path b = file(src().resolve("d/b"), Trees.random(70_000, 1));
    Files.setAttribute(a, "unix:mode", 04755);
    Files.setAttribute(b, "unix:mode", 02640);
    Files.setAttribute(src().resolve("d"), "unix:mode", 01777);
    Trees.times(a, 1_600_000_000_123_456_789L, 1_500_000_000_987_654_321L);
    Trees.times(b, 1_600_000_001_000_000_001L, 1_600_000_001_000_000_002L);

    RunSummary s = Runs.of(src(), dst()).run();

    assertTrue(s.clean(), s.text());
    assertEquals(2, s.count(Counter.COPIED));
    assertEquals(1_500_000_000_987_654_321L, stat(dst().resolve("a")).atimeNanos());
    Trees.assertSameTree(src(), dst());
    assertEquals(04755, stat(dst().resolve("a")).permissions());
    assertEquals(01777, stat(dst().resolve("d")).permissions());
    assertEquals(1_600_000_000_123_456_789L, stat(dst().resolve("a")).mtimeNanos());
  }

  @Test
  void ownerAndGroupArePreservedWhenRoot() throws Exception {
    Path a = file(src().resolve("a"), "x");
    Files.setAttribute(a, "unix:uid", 4321);
    Files.setAttribute(a, "unix:gid", 8765);
    Runs.of(src(), dst()).run();
    EntryStat t = stat(dst().resolve("a"));
    if (Mover.runningAsRoot()) {
      assertEquals(4321, t.uid());
      assertEquals(8765, t.gid());
    } else {
      assertEquals(stat(tmp).uid(), t.uid(), "not root: new files belong to the runner");
    }
  }

  @Test
  void symlinksAreCopiedAsLinksAndNeverFollowed() throws Exception {
    Path outside = file(tmp.resolve("outside/secret"), "do not copy me");
    Files.createDirectories(src());
    Files.createSymbolicLink(src().resolve("to-outside"), outside.getParent());
    Files.createSymbolicLink(src().resolve("dangling"), Path.of("no/such/thing"));
    RunSummary s = Runs.of(src(), dst()).run();
    assertTrue(s.clean(), s.text());
    assertTrue(Files.isSymbolicLink(dst().resolve("to-outside")));
    assertEquals(outside.getParent(), Files.readSymbolicLink(dst().resolve("to-outside")));
    assertEquals(Path.of("no/such/thing"), Files.readSymbolicLink(dst().resolve("dangling")));
    assertEquals(2, Trees.listing(dst()).size(), "nothing copied through the link");
  }

  @Test
  void hardLinkedNamesShareOneInodeInTheTarget() throws Exception {
    Path a = file(src().resolve("x/a"), Trees.random(5000, 2));
    Files.createDirectories(src().resolve("y"));
    Files.createLink(src().resolve("x/b"), a);
    Files.createLink(src().resolve("y/c"), a);
    file(src().resolve("y/other"), "other");

    RunSummary s = Runs.of(src(), dst()).run();
    assertTrue(s.clean(), s.text());
    EntryStat ta = stat(dst().resolve("x/a"));
    assertEquals(3, ta.nlink());
    assertEquals(ta.ino(), stat(dst().resolve("x/b")).ino());
    assertEquals(ta.ino(), stat(dst().resolve("y/c")).ino());
    assertEquals(1, stat(dst().resolve("y/other")).nlink());
    assertEquals(2, s.count(Counter.LINKED));

    RunSummary again = Runs.of(src(), dst()).run();
    assertEquals(0, again.count(Counter.COPIED) + again.count(Counter.LINKED), again.text());
    assertEquals(ta.ino(), stat(dst().resolve("y/c")).ino());

    // A name that became a separate file in the target is linked again.
    Files.delete(dst().resolve("y/c"));
    Files.copy(
        dst().resolve("x/a"),
        dst().resolve("y/c"),
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    RunSummary relink = Runs.of(src(), dst()).run();
    // Whichever name is handled first becomes the inode the others are linked to.
    assertTrue(relink.count(Counter.LINKED) >= 1, relink.text());
    EntryStat a2 = stat(dst().resolve("x/a"));
    assertEquals(3, a2.nlink());
    assertEquals(a2.ino(), stat(dst().resolve("x/b")).ino());
    assertEquals(a2.ino(), stat(dst().resolve("y/c")).ino());
  }

  @Test
  void holesStayHolesAndTheLengthIsExact() throws Exception {
    Path sparse = src().resolve("sparse");
    Files.createDirectories(src());
    try (var ch =
        java.nio.channels.FileChannel.open(
            sparse,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap("head".getBytes(StandardCharsets.US_ASCII)), 0);
      ch.write(ByteBuffer.wrap("middle".getBytes(StandardCharsets.US_ASCII)), 20L << 20);
    }
    try (var raf = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
      raf.setLength(40L << 20); // ends in a hole
    }
    Runs.of(src(), dst()).run();
    Path t = dst().resolve("sparse");
    assertEquals(40L << 20, Files.size(t));
    assertTrue(Trees.blocks(t) <= Trees.blocks(sparse) + 8, "holes kept: " + Trees.blocks(t));
    assertArrayEquals(Files.readAllBytes(sparse), Files.readAllBytes(t));
  }

  @Test
  void largeFilesAreCopiedInChunksIncludingSparseOnes() throws Exception {
    byte[] big = Trees.random((5 << 20) + 12345, 3);
    file(src().resolve("big"), big);
    Path holey = src().resolve("holey");
    try (var raf = new java.io.RandomAccessFile(holey.toFile(), "rw")) {
      raf.setLength(3L << 20);
      raf.seek(1L << 20);
      raf.write(Trees.random(1000, 4));
    }
    Runs r = Runs.of(src(), dst());
    r.chunkThreshold = 1 << 20;
    r.chunkSize = 1 << 20;
    RunSummary s = r.run();
    assertTrue(s.clean(), s.text());
    assertEquals(2, s.count(Counter.COPIED));
    Trees.assertSameTree(src(), dst());
    assertTrue(Trees.blocks(dst().resolve("holey")) < 64, "holes kept in chunked copy");
  }

  @Test
  void fifosAndDeviceNodesAreRecreated() throws Exception {
    Files.createDirectories(src());
    Trees.exec("mkfifo", src().resolve("pipe").toString());
    Trees.times(src(), 1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L);
    boolean root = Mover.runningAsRoot();
    if (root) {
      Trees.exec("mknod", src().resolve("null").toString(), "c", "1", "3");
    }
    RunSummary s = Runs.of(src(), dst()).run();
    assertTrue(s.clean(), s.text());
    assertEquals(FileKind.FIFO, stat(dst().resolve("pipe")).kind());
    assertEquals(
        stat(src().resolve("pipe")).mtimeNanos(), stat(dst().resolve("pipe")).mtimeNanos());
    if (root) {
      assertEquals(FileKind.CHAR_DEVICE, stat(dst().resolve("null")).kind());
      assertEquals(stat(src().resolve("null")).rdev(), stat(dst().resolve("null")).rdev());
    }
    RunSummary again = Runs.of(src(), dst()).run();
    assertEquals(0, again.count(Counter.COPIED), again.text());
  }

  @Test
  void userXattrsAreCopied() throws Exception {
    Path a = file(src().resolve("a"), "x");
    UserDefinedFileAttributeView v =
        Files.getFileAttributeView(a, UserDefinedFileAttributeView.class);
    v.write("ferry.test", ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}));
    Files.getFileAttributeView(src(), UserDefinedFileAttributeView.class)
        .write("dir.attr", ByteBuffer.wrap(new byte[] {7}));
    Runs.of(src(), dst()).run();
    UserDefinedFileAttributeView t =
        Files.getFileAttributeView(dst().resolve("a"), UserDefinedFileAttributeView.class);
    ByteBuffer buf = ByteBuffer.allocate(4);
    t.read("ferry.test", buf);
    assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, buf.array());
    assertTrue(
        Files.getFileAttributeView(dst(), UserDefinedFileAttributeView.class)
            .list()
            .contains("dir.attr"));
  }

  @Test
  void emptyAndReadOnlyDirectoriesAreCopiedWithContentsAndFinalModes() throws Exception {
    Files.createDirectories(src().resolve("empty"));
    file(src().resolve("ro/inside/f"), "data");
    Files.setAttribute(src().resolve("ro/inside"), "unix:mode", 0555);
    Files.setAttribute(src().resolve("ro"), "unix:mode", 0500);
    RunSummary s = Runs.of(src(), dst()).run();
    assertTrue(s.clean(), s.text());
    assertTrue(Files.isDirectory(dst().resolve("empty")));
    assertEquals("data", Files.readString(dst().resolve("ro/inside/f")));
    assertEquals(0555, stat(dst().resolve("ro/inside")).permissions());
    assertEquals(0500, stat(dst().resolve("ro")).permissions());
    Trees.assertSameTree(src(), dst());
  }

  @Test
  void namesThatAreNotUtf8OrHoldNewlinesRoundTrip() throws Exception {
    Path dir = src().resolve(RawPaths.path(new byte[] {'d', (byte) 0xe9, '\n'}));
    Path f = dir.resolve(RawPaths.path(new byte[] {(byte) 0xff, (byte) 0xfe, '\r', '\n', 'z'}));
    file(f, "bytes");
    Files.createSymbolicLink(src().resolve("l"), RawPaths.path(new byte[] {'t', (byte) 0x80}));
    RunSummary s = Runs.of(src(), dst()).run();
    assertTrue(s.clean(), s.text());
    assertEquals(Trees.listing(src()), Trees.listing(dst()));
    Path tf = dst().resolve(src().relativize(f));
    assertArrayEquals(RawPaths.bytes(f.getFileName()), RawPaths.bytes(tf.getFileName()));
    assertEquals("bytes", Files.readString(tf));
    assertArrayEquals(
        new byte[] {'t', (byte) 0x80}, RawPaths.bytes(Files.readSymbolicLink(dst().resolve("l"))));
  }

  @Test
  void aReRunOnAnUnchangedTreeWritesNothing() throws Exception {
    for (int i = 0; i < 30; i++) {
      file(src().resolve("d" + (i % 3) + "/f" + i), Trees.random(100 + i, i));
    }
    Files.createSymbolicLink(src().resolve("link"), Path.of("d0"));
    Runs.of(src(), dst()).run();
    java.util.Map<String, Long> ctimes = ctimes(dst());

    RunSummary again = Runs.of(src(), dst()).run();

    assertEquals(0, again.count(Counter.COPIED), again.text());
    assertEquals(0, again.count(Counter.DIRS_UPDATED), again.text());
    assertEquals(31, again.count(Counter.SKIPPED));
    assertEquals(ctimes, ctimes(dst()), "no entry of the target was touched");
  }

  @Test
  void aChangedFileIsRecopiedAndChecksumCatchesSameSizeAndMtime() throws Exception {
    Path a = file(src().resolve("a"), "version1");
    Trees.times(a, 1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L);
    Runs.of(src(), dst()).run();
    // Same size and mtime, different content: invisible without --checksum.
    Files.writeString(dst().resolve("a"), "VERSION1");
    Trees.times(dst().resolve("a"), 1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L);
    assertEquals(0, Runs.of(src(), dst()).run().count(Counter.COPIED));
    Runs sum = Runs.of(src(), dst());
    sum.checksum = true;
    assertEquals(1, sum.run().count(Counter.COPIED));
    assertEquals("version1", Files.readString(dst().resolve("a")));
    // A new mtime alone is enough to recopy.
    Files.writeString(a, "version2");
    assertEquals(1, Runs.of(src(), dst()).run().count(Counter.COPIED));
    assertEquals("version2", Files.readString(dst().resolve("a")));
  }

  @Test
  void excludesMatchNamesOrRelativePaths() throws Exception {
    file(src().resolve("keep.txt"), "k");
    file(src().resolve("x.tmp"), "t");
    file(src().resolve("sub/y.tmp"), "t");
    file(src().resolve("sub/cache/z"), "c");
    file(src().resolve("other/cache/z"), "c");
    Runs r = Runs.of(src(), dst());
    r.excludes.add("*.tmp");
    r.excludes.add("sub/cache");
    RunSummary s = r.run();
    assertTrue(s.clean(), s.text());
    assertTrue(Files.exists(dst().resolve("keep.txt")));
    assertFalse(Files.exists(dst().resolve("x.tmp")));
    assertFalse(Files.exists(dst().resolve("sub/y.tmp")));
    assertFalse(Files.exists(dst().resolve("sub/cache")));
    assertTrue(Files.exists(dst().resolve("other/cache/z")), "path pattern is anchored at SRC");
    assertEquals(3, s.count(Counter.EXCLUDED));
  }

  @Test
  void ageFiltersSkipColdAndStillChangingFiles() throws Exception {
    long now = System.currentTimeMillis() * 1_000_000L;
    long day = 86_400_000_000_000L;
    Trees.times(file(src().resolve("cold"), "c"), now - 200 * day, now - 200 * day);
    Trees.times(file(src().resolve("hot"), "h"), now - 60_000_000_000L, now);
    Trees.times(file(src().resolve("normal"), "n"), now - 10 * day, now - day);
    Runs r = Runs.of(src(), dst());
    r.skipAtimeOlder = java.time.Duration.ofDays(90);
    r.skipMtimeNewer = java.time.Duration.ofMinutes(30);
    RunSummary s = r.run();
    assertEquals(java.util.List.of("normal"), Trees.listing(dst()));
    assertEquals(2, s.count(Counter.SKIPPED));
  }

  @Test
  void aDryRunChangesNothingAndReportsWhatWouldChange() throws Exception {
    file(src().resolve("d/f"), "x");
    Runs r = Runs.of(src(), dst());
    r.dryRun = true;
    RunSummary s = r.run();
    assertFalse(Files.exists(dst()), "the target is not even created");
    assertEquals(3, s.count(Counter.DIFFERENT), s.differences().toString()); // ., d, d/f
    assertTrue(r.out.toString().contains("would copy: d/f"), r.out.toString());

    Runs.of(src(), dst()).run();
    Files.writeString(src().resolve("d/f"), "changed");
    file(src().resolve("d/new"), "n");
    Runs again = Runs.of(src(), dst());
    again.dryRun = true;
    java.util.Map<String, Long> before = ctimes(dst());
    assertEquals(2, again.run().count(Counter.DIFFERENT));
    assertEquals(before, ctimes(dst()));
  }

  @Test
  void aDryRunScansWhatTheCopyScans() throws Exception {
    file(src().resolve("d/e/f"), "x");
    file(src().resolve("g"), "y");
    Files.createDirectories(dst());
    Runs dry = Runs.of(src(), dst());
    dry.dryRun = true;
    long dryScanned = dry.run().count(Counter.SCANNED);
    long scanned = Runs.of(src(), dst()).run().count(Counter.SCANNED);
    assertEquals(4, scanned, "d, d/e, d/e/f, g");
    assertEquals(scanned, dryScanned, "a directory not in the target was counted twice");
  }

  /** A file where the target has a directory: the copy deletes the directory's contents. */
  @Test
  void aDryRunSaysWhenADirectoryWouldBeReplacedByAFile() throws Exception {
    file(src().resolve("x"), "now a file");
    file(dst().resolve("x/deep/kept"), "was in a directory");
    Runs dry = Runs.of(src(), dst());
    dry.dryRun = true;
    dry.run();
    assertTrue(
        dry.out.toString().contains("would replace a directory, deleting what it holds: x"),
        dry.out.toString());
    assertTrue(Files.exists(dst().resolve("x/deep/kept")));

    RunSummary s = Runs.of(src(), dst()).run();
    assertEquals("now a file", Files.readString(dst().resolve("x")));
    assertEquals(3, s.count(Counter.DELETED), "x/deep/kept, x/deep, x");
  }

  @Test
  void aTargetEntryOfAnotherTypeIsReplaced() throws Exception {
    file(src().resolve("was-dir"), "now a file");
    file(src().resolve("was-file/inner"), "now a dir");
    file(dst().resolve("was-dir/old/deep"), "old");
    file(dst().resolve("was-file"), "old");
    RunSummary s = Runs.of(src(), dst()).run();
    assertTrue(s.clean(), s.text());
    Trees.assertSameTree(src(), dst());
  }

  static java.util.Map<String, Long> ctimes(Path root) throws Exception {
    java.util.Map<String, Long> m = new java.util.TreeMap<>();
    try (var s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        var t =
            (java.nio.file.attribute.FileTime)
                Files.getAttribute(p, "unix:ctime", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        m.put(root.relativize(p).toString(), t.to(java.util.concurrent.TimeUnit.NANOSECONDS));
      }
    }
    return m;
  }
}
