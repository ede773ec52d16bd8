package dev.ferry.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Writes the benchmark's source trees from a seed, so every run and every machine copies the same
 * bytes. A tree is marked complete by a file beside it (never inside: it would be copied too), so
 * an interrupted generation is redone rather than measured.
 */
final class TreeGenerator {
  private final long seed;

  TreeGenerator(long seed) {
    this.seed = seed;
  }

  /** {@code files} files of 1-16 KiB of random bytes, spread evenly over {@code dirs} dirs. */
  Path smallFiles(Path root, int files, int dirs) throws IOException {
    return once(
        root,
        "small " + files + " " + dirs + " " + seed,
        () -> {
          SplittableRandom rnd = new SplittableRandom(seed);
          byte[] buf = new byte[16 * 1024];
          for (int d = 0; d < dirs; d++) {
            Path dir = Files.createDirectories(root.resolve(String.format("d%04d", d)));
            int inDir = files / dirs + (d < files % dirs ? 1 : 0);
            for (int f = 0; f < inDir; f++) {
              int size = rnd.nextInt(1024, 16 * 1024 + 1);
              fill(rnd, buf, size);
              try (OutputStream out = Files.newOutputStream(dir.resolve("f" + f + ".dat"))) {
                out.write(buf, 0, size);
              }
            }
          }
        });
  }

  /** {@code count} files of {@code bytes} random bytes each. */
  Path bigFiles(Path root, int count, long bytes) throws IOException {
    return once(
        root,
        "big " + count + " " + bytes + " " + seed,
        () -> {
          Files.createDirectories(root);
          SplittableRandom rnd = new SplittableRandom(seed + 1);
          ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
          for (int i = 0; i < count; i++) {
            Path file = root.resolve("big" + i + ".dat");
            try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
              for (long left = bytes; left > 0; ) {
                buf.clear();
                while (buf.remaining() >= Long.BYTES) {
                  buf.putLong(rnd.nextLong());
                }
                buf.flip().limit((int) Math.min(buf.limit(), left));
                left -= buf.remaining();
                while (buf.hasRemaining()) {
                  ch.write(buf);
                }
              }
            }
          }
        });
  }

  /**
   * About {@code entries} entries: directories of 1,000 empty files each (plus the directories
   * themselves), created by two threads since this is pure metadata work.
   */
  Path manyEntries(Path root, int entries) throws IOException {
    int perDir = 1000;
    int dirs = Math.max(1, entries / (perDir + 1));
    return once(
        root,
        "entries " + entries,
        () -> {
          Files.createDirectories(root);
          ExecutorService pool = Executors.newFixedThreadPool(2);
          try {
            var jobs =
                IntStream.range(0, dirs)
                    .mapToObj(d -> pool.submit(() -> emptyFiles(root, d, perDir)))
                    .toList();
            for (Future<?> job : jobs) {
              job.get();
            }
          } catch (Exception e) {
            throw new IOException("generating " + root + ": " + e.getMessage(), e);
          } finally {
            pool.shutdownNow();
          }
        });
  }

  private static Void emptyFiles(Path root, int d, int perDir) throws IOException {
    Path dir = Files.createDirectory(root.resolve(String.format("e%05d", d)));
    for (int f = 0; f < perDir; f++) {
      Files.createFile(dir.resolve(Integer.toString(f)));
    }
    return null;
  }

  private static void fill(SplittableRandom rnd, byte[] buf, int size) {
    for (int i = 0; i < size; i += Long.BYTES) {
      long v = rnd.nextLong();
      for (int b = 0; b < Long.BYTES && i + b < size; b++) {
        buf[i + b] = (byte) (v >>> (8 * b));
      }
    }
  }

  private interface Body {
    void write() throws IOException;
  }

  private static Path once(Path root, String recipe, Body body) throws IOException {
    Path marker = root.resolveSibling(root.getFileName() + ".complete");
    if (Files.exists(marker) && Files.readString(marker).equals(recipe)) {
      return root;
    }
    Files.deleteIfExists(marker);
    Shell.removeTree(root);
    long t0 = System.nanoTime();
    body.write();
    Files.writeString(marker, recipe);
    System.err.printf(
        "generated %s (%s) in %.1f s%n", root, recipe, (System.nanoTime() - t0) / 1e9);
    return root;
  }
}
