package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static dev.ferry.mover.engine.Trees.stat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.EntryStat;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.junit.jupiter.api.Test;

class PreserveFlagsTest extends TreeTestBase {
  @Test
  void eachPreservedAttributeCanBeTurnedOff() throws Exception {
    Path a = file(src().resolve("a"), "a");
    Files.createDirectories(src().resolve("dir"));
    Files.setAttribute(src().resolve("dir"), "unix:mode", 0755);
    Files.setAttribute(a, "unix:mode", 04751);
    Trees.times(a, 1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L);
    Files.getFileAttributeView(a, UserDefinedFileAttributeView.class)
        .write("k", ByteBuffer.wrap(new byte[] {1}));
    Files.createLink(src().resolve("a2"), a);
    Files.createSymbolicLink(src().resolve("link"), Path.of("a"));
    Trees.exec("mkfifo", src().resolve("pipe").toString());
    try (var raf = new java.io.RandomAccessFile(src().resolve("holes").toFile(), "rw")) {
      raf.setLength(8 << 20);
    }
    Runs r = Runs.of(src(), dst());
    r.preserve.clear();
    RunSummary s = r.run();

    assertTrue(s.clean(), s.text());
    EntryStat ta = stat(dst().resolve("a"));
    assertEquals(0751 & ~Mover.processUmask(), ta.permissions(), "--no-mode: source bits & ~umask");
    assertEquals(0755 & ~Mover.processUmask() | 0700, stat(dst().resolve("dir")).permissions());
    assertNotEquals(1_000_000_000_000_000_000L, ta.mtimeNanos(), "--no-times");
    assertTrue(
        Files.getFileAttributeView(dst().resolve("a"), UserDefinedFileAttributeView.class)
            .list()
            .isEmpty(),
        "--no-xattrs");
    assertEquals(1, ta.nlink(), "--no-hard-links");
    assertFalse(Files.exists(dst().resolve("link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(dst().resolve("pipe"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Trees.blocks(dst().resolve("holes")) >= (8 << 20) / 512, "--no-sparse");
    assertEquals(2, s.count(Counter.SKIPPED)); // link, pipe

    // Without preserved times, a target not older than the source counts as up to date.
    assertEquals(0, r.run().count(Counter.COPIED));
  }
}
