package dev.ferry.mover.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Counter;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Large files go through the kernel ({@code copy_file_range}); holes must stay holes. */
class InKernelCopyTest extends TreeTestBase {
  private static final long MIB = 1 << 20;
  private Path sparse;

  /** 24 MiB, data at [1.5, 3.5) MiB, [10, 10 MiB + 1 byte) and [17, 18) MiB; ends in a hole. */
  @BeforeEach
  void sparseSource() throws Exception {
    assertTrue(InKernelCopier.suits(MIB), "the JNI library loads, so the kernel path is taken");
    Files.createDirectories(src());
    sparse = src().resolve("sparse");
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(24 * MIB);
      f.seek(3 * MIB / 2);
      f.write(Trees.random((int) (2 * MIB), 1));
      f.seek(10 * MIB);
      f.write(7);
      f.seek(17 * MIB);
      f.write(Trees.random((int) MIB, 2));
    }
  }

  @Test
  void unchunkedSparseFileKeepsHolesAndContent() throws Exception {
    RunSummary s = Runs.of(src(), dst()).run();
    assertTrue(s.clean(), s.text());
    assertSameSparseCopy();
  }

  @Test
  void chunkedSparseFileKeepsHolesAndContent() throws Exception {
    Runs r = Runs.of(src(), dst());
    r.chunkThreshold = 3 * MIB;
    r.chunkSize = 3 * MIB; // edges inside data (3 MiB), in holes (6 MiB), just past 1 byte (12)
    RunSummary s = r.run();
    assertTrue(s.clean(), s.text());
    assertEquals(1, s.count(Counter.COPIED));
    assertSameSparseCopy();
  }

  @Test
  void allocatedZerosAreCopiedAsDataNotTurnedIntoHoles() throws Exception {
    // The kernel path copies what SEEK_DATA reports; the user-space fallback would punch holes.
    Path zeros = Trees.file(src().resolve("zeros"), new byte[(int) (4 * MIB)]);
    Runs.of(src(), dst()).run();
    Path t = dst().resolve("zeros");
    assertArrayEquals(Files.readAllBytes(zeros), Files.readAllBytes(t));
    assertTrue(Trees.blocks(t) >= 4 * MIB / 512, "allocated: " + Trees.blocks(t));
  }

  @Test
  void userSpaceFallbackCopiesChunksOfASparseFile() throws Exception {
    // What runs when the JNI library cannot load: the 1 MiB read/write loop with zero skipping.
    Path t = Files.createDirectories(dst()).resolve("sparse");
    boolean lastWritten = false;
    try (FileChannel in = FileChannel.open(sparse);
        FileChannel out =
            FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long off = 0; off < 24 * MIB; off += 5 * MIB) {
        long len = Math.min(5 * MIB, 24 * MIB - off);
        lastWritten = ContentCopier.copy(in, out, off, len, true, new TaskSinkNoOp());
      }
    }
    assertFalse(lastWritten, "the file ends in a hole");
    try (RandomAccessFile f = new RandomAccessFile(t.toFile(), "rw")) {
      f.setLength(24 * MIB);
    }
    assertArrayEquals(Files.readAllBytes(sparse), Files.readAllBytes(t));
    assertTrue(Trees.blocks(t) <= Trees.blocks(sparse) + 8, "holes kept: " + Trees.blocks(t));
  }

  private void assertSameSparseCopy() throws Exception {
    Path t = dst().resolve("sparse");
    assertEquals(24 * MIB, Files.size(t));
    assertArrayEquals(Files.readAllBytes(sparse), Files.readAllBytes(t));
    assertTrue(Trees.blocks(t) <= Trees.blocks(sparse) + 8, "holes kept: " + Trees.blocks(t));
    assertEquals(Files.getLastModifiedTime(sparse), Files.getLastModifiedTime(t));
  }
}
