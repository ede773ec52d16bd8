package dev.ferry.mover.engine;

import dev.ferry.lustre.NativeFiles;
import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What Java cannot do on special files. With ferry's JNI library: {@code mknod(2)} (times are set
 * by {@link MetadataWriter} with {@code utimensat}). Without it, the coreutils: {@code mkfifo},
 * {@code mknod}, and {@code touch -h} for their times (Java's {@code setTimes} opens the file,
 * which blocks on a FIFO and would open a device); paths handed to the tools are always ferry's own
 * ASCII temporary names, never user names, so no name bytes go through a {@link String}.
 */
final class SpecialFiles {
  private SpecialFiles() {}

  /** Creates a FIFO or device node like {@code s} at {@code at} (an ASCII path), mode 0600. */
  static void create(Path at, EntryStat s) throws IOException {
    FileKind k = s.kind();
    if (NativeFiles.available()) {
      NativeFiles.mknod(RawPaths.bytes(at), typeBits(k) | 0600, k == FileKind.FIFO ? 0 : s.rdev());
    } else if (k == FileKind.FIFO) {
      exec(List.of("mkfifo", "-m", "600", "--", at.toString()));
    } else {
      String type = k == FileKind.CHAR_DEVICE ? "c" : "b";
      exec(
          List.of(
              "mknod",
              "-m",
              "600",
              "--",
              at.toString(),
              type,
              Long.toString(major(s.rdev())),
              Long.toString(minor(s.rdev()))));
    }
  }

  /** Sets atime and mtime without opening (or following) the file. */
  static void setTimes(Path at, long atimeNanos, long mtimeNanos) throws IOException {
    exec(List.of("touch", "-h", "-a", "-d", stamp(atimeNanos), "--", at.toString()));
    exec(List.of("touch", "-h", "-m", "-d", stamp(mtimeNanos), "--", at.toString()));
  }

  private static int typeBits(FileKind k) {
    return switch (k) {
      case FIFO -> 0010000;
      case CHAR_DEVICE -> 0020000;
      case BLOCK_DEVICE -> 0060000;
      default -> throw new IllegalArgumentException("not a special file: " + k);
    };
  }

  static long major(long rdev) {
    return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
  }

  static long minor(long rdev) {
    return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
  }

  private static String stamp(long nanos) {
    Instant t = Instant.ofEpochSecond(0, nanos);
    long sec = Math.floorDiv(nanos, TimeUnit.SECONDS.toNanos(1));
    return "@" + sec + "." + String.format("%09d", t.getNano());
  }

  private static void exec(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) {
        throw new IOException(cmd.get(0) + " failed: " + out.lines().findFirst().orElse(""));
      }
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException(cmd.get(0) + " interrupted", e);
    }
  }
}
