package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.Pass;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SafetyTest extends TreeTestBase {

  @Test
  void aDirectorySymlinkPlantedInTheTargetIsNeverWrittenThrough() throws Exception {
    file(src().resolve("data/f"), "payload");
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createDirectories(dst());
    Files.createSymbolicLink(dst().resolve("data"), elsewhere);

    RunSummary s = Runs.of(src(), dst()).run();

    assertTrue(s.clean(), s.text());
    assertEquals(0, Trees.listing(elsewhere).size(), "nothing written outside DST");
    assertFalse(Files.isSymbolicLink(dst().resolve("data")));
    assertEquals("payload", Files.readString(dst().resolve("data/f")));
  }

  @Test
  void aFileSymlinkPlantedInTheTargetIsReplacedNotFollowed() throws Exception {
    file(src().resolve("f"), "new content");
    Path victim = file(tmp.resolve("victim"), "precious");
    Files.createDirectories(dst());
    Files.createSymbolicLink(dst().resolve("f"), victim);

    Runs.of(src(), dst()).run();

    assertEquals("precious", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(dst().resolve("f")));
    assertEquals("new content", Files.readString(dst().resolve("f")));
  }

  /** A target that dies part way through writing: like a kill -9 in the middle of a file. */
  private static final class DyingCreator implements TargetCreator {
    final AtomicInteger files = new AtomicInteger();
    final int dieAfterFiles;

    DyingCreator(int dieAfterFiles) {
      this.dieAfterFiles = dieAfterFiles;
    }

    @Override
    public FileChannel createFile(Path target, Path source, EntryStat stat) throws IOException {
      FileChannel real = new PosixTargetCreator().createFile(target, source, stat);
      if (files.incrementAndGet() <= dieAfterFiles) {
        return real;
      }
      // Writes half of the file's bytes, then fails.
      real.write(ByteBuffer.wrap(Files.readAllBytes(source), 0, (int) (stat.size() / 2)), 0);
      real.close();
      throw new IOException("simulated crash");
    }

    @Override
    public void createDirectory(Path target, Path source, EntryStat stat) throws IOException {
      new PosixTargetCreator().createDirectory(target, source, stat);
    }
  }

  @Test
  void aFileWhoseCopyDidNotFinishNeverLooksFinishedAndTheNextRunCompletesIt() throws Exception {
    for (int i = 0; i < 20; i++) {
      file(src().resolve("f" + i), Trees.random(10_000 + i, i));
    }
    // Old, different versions already in the target with the source's size (a previous pass).
    for (int i = 0; i < 20; i += 2) {
      Path old = file(dst().resolve("f" + i), Trees.random(10_000 + i, 1000 + i));
      Trees.times(old, 1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L);
    }
    Runs crashing = Runs.of(src(), dst());
    crashing.threads = 1;
    crashing.creator = new DyingCreator(7);
    RunSummary s = crashing.run();
    assertEquals(13, s.count(Counter.FAILED), s.text());

    assertNoFalseFinish();
    RunSummary next = Runs.of(src(), dst()).run();
    assertTrue(next.clean(), next.text());
    Trees.assertSameTree(src(), dst());
  }

  @Test
  void aChunkedFileIsInvisibleUntilItsLastChunkIsIn() throws Exception {
    file(src().resolve("big"), Trees.random((4 << 20) + 5, 9));
    TargetCreator creator = new PosixTargetCreator();
    Runs r = Runs.of(src(), dst());
    r.chunkThreshold = 1 << 20;
    r.chunkSize = 1 << 20;
    r.threads = 2;
    // Delete the source between chunks: some chunks fail, the file must not appear.
    r.creator =
        new TargetCreator() {
          @Override
          public FileChannel createFile(Path target, Path source, EntryStat stat)
              throws IOException {
            FileChannel ch = creator.createFile(target, source, stat);
            try (FileChannel in = FileChannel.open(source)) {
              ch.transferFrom(in, 0, 1 << 20); // only the first chunk's worth
            }
            Files.write(source, new byte[10]); // the source shrinks: later chunks fail
            return ch;
          }

          @Override
          public void createDirectory(Path target, Path source, EntryStat stat) throws IOException {
            creator.createDirectory(target, source, stat);
          }
        };
    RunSummary s = r.run();
    assertTrue(s.count(Counter.FAILED) > 0, s.text());
    assertFalse(Files.exists(dst().resolve("big")), "an unfinished chunked file is not visible");
  }

  @Test
  void leftoverTemporaryFilesAreRemovedByTheDeletePass() throws Exception {
    file(src().resolve("f"), "x");
    Runs.of(src(), dst()).run();
    Path leftover = file(dst().resolve(".ferry-deadbeef-0123456789abcdef.tmp"), "half");
    RunSummary s = Runs.of(src(), dst(), Pass.DELETE).run();
    assertFalse(Files.exists(leftover));
    assertEquals(1, s.count(Counter.DELETED));
  }

  /** No target file has the source's size and mtime with different content. */
  private void assertNoFalseFinish() throws IOException {
    try (Stream<Path> files = Files.list(dst())) {
      for (Path t : (Iterable<Path>) files::iterator) {
        Path s = src().resolve(t.getFileName());
        if (!Files.exists(s)) {
          continue;
        }
        EntryStat ts = EntryStat.lstat(t);
        EntryStat ss = EntryStat.lstat(s);
        if (ts.size() == ss.size() && ts.mtimeNanos() == ss.mtimeNanos()) {
          assertTrue(
              Arrays.equals(Files.readAllBytes(s), Files.readAllBytes(t)),
              t + " looks finished but is not");
        }
      }
    }
  }
}
