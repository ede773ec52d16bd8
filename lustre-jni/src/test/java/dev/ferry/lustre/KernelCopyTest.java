package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCopyTest {
  private static final long MIB = 1 << 20;
  @TempDir Path dir;
  private Path src;
  private Path dst;

  /** 16 MiB: data at [1 MiB, 3 MiB) and [8 MiB, 8 MiB + 4 KiB), holes elsewhere, ends in one. */
  @BeforeEach
  void sparseSource() throws IOException {
    assertTrue(KernelCopy.available(), "the JNI library loads on this machine");
    src = dir.resolve("src");
    dst = dir.resolve("dst");
    try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
      f.setLength(16 * MIB);
      f.seek(MIB);
      f.write(random((int) (2 * MIB), 1));
      f.seek(8 * MIB);
      f.write(random(4096, 2));
    }
    Files.createFile(dst);
  }

  @Test
  void wholeSparseFileKeepsItsHolesAndContent() throws IOException {
    boolean lastWritten = KernelCopy.copy(bytes(src), bytes(dst), 0, 16 * MIB, true);
    assertFalse(lastWritten, "the range ends in a hole, which was skipped");
    extendTo(16 * MIB);
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
    assertTrue(allocated(dst) <= allocated(src), "holes kept: " + allocated(dst));
  }

  @Test
  void chunksWithBoundariesInHolesAndInDataKeepHolesAndContent() throws IOException {
    // Chunk edges fall in a hole (0.5 MiB, 6 MiB), inside data (2 MiB) and at the data's end.
    long[] edges = {0, MIB / 2, 2 * MIB, 6 * MIB, 8 * MIB + 4096, 16 * MIB};
    boolean last = false;
    for (int i = edges.length - 2; i >= 0; i--) { // any order: each range is independent
      boolean written =
          KernelCopy.copy(bytes(src), bytes(dst), edges[i], edges[i + 1] - edges[i], true);
      if (i == edges.length - 2) {
        last = written;
      }
    }
    assertFalse(last);
    extendTo(16 * MIB);
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
    assertTrue(allocated(dst) <= allocated(src), "holes kept: " + allocated(dst));
  }

  @Test
  void aRangeEndingInDataReportsItsLastByteWritten() throws IOException {
    assertTrue(KernelCopy.copy(bytes(src), bytes(dst), MIB, 2 * MIB, true));
    assertTrue(KernelCopy.copy(bytes(src), bytes(dst), 4 * MIB, 16 * MIB - 4 * MIB, false));
  }

  @Test
  void withoutSparseEveryByteIsWritten() throws IOException {
    assertTrue(KernelCopy.copy(bytes(src), bytes(dst), 0, 16 * MIB, false));
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
    assertTrue(allocated(dst) >= 16 * MIB, "holes filled: " + allocated(dst));
  }

  @Test
  void acrossFilesystemsItStillCopiesOnlyTheData() throws IOException {
    // tmpfs to the temp dir's filesystem: copy_file_range says EXDEV, sendfile takes over.
    Path shm = Files.createTempDirectory(Path.of("/dev/shm"), "kernel-copy-");
    try {
      Path other = Files.createFile(shm.resolve("dst"));
      assertFalse(Files.getFileStore(other).equals(Files.getFileStore(src)), "two filesystems");
      assertFalse(KernelCopy.copy(bytes(src), bytes(other), 0, 16 * MIB, true));
      try (RandomAccessFile f = new RandomAccessFile(other.toFile(), "rw")) {
        f.setLength(16 * MIB);
      }
      assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(other));
      assertTrue(allocated(other) <= allocated(src) + 4096, "holes kept: " + allocated(other));
    } finally {
      Files.deleteIfExists(shm.resolve("dst"));
      Files.delete(shm);
    }
  }

  @Test
  void aSourceShorterThanTheRangeFails() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> KernelCopy.copy(bytes(src), bytes(dst), 15 * MIB, 2 * MIB, true));
    assertTrue(e.getMessage().contains("ended early"), e.getMessage());
  }

  @Test
  void symlinksAreNotFollowed() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link"), dst);
    IOException e =
        assertThrows(
            IOException.class, () -> KernelCopy.copy(bytes(src), bytes(link), 0, MIB, true));
    assertTrue(e.getMessage().contains("symbolic links"), e.getMessage());
    assertArrayEquals(new byte[0], Files.readAllBytes(dst));
  }

  private void extendTo(long length) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(dst.toFile(), "rw")) {
      f.setLength(length);
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] bytes(Path p) {
    return p.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Allocated bytes ({@code st_blocks * 512}; Java has no st_blocks). */
  private static long allocated(Path p) throws IOException {
    Process stat = new ProcessBuilder("stat", "-c", "%b", p.toString()).start();
    String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    return Long.parseLong(out.strip()) * 512;
  }
}
