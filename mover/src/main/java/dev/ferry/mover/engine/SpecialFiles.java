package dev.ferry.mover.engine;

import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What Java cannot do on special files, done by the coreutils: {@code mkfifo}, {@code mknod}, and
 * {@code touch -h} for their times (Java's {@code setTimes} opens the file, which blocks on a FIFO
 * and would open a device). Rare in the trees ferry moves, so one short exec each is acceptable.
 * Paths handed to the tools are always ferry's own ASCII temporary names, never user names, so no
 * name bytes go through a {@link String}.
 */
final class SpecialFiles {
  private SpecialFiles() {}

  /** Creates a FIFO or device node like {@code s} at {@code at} (an ASCII path), mode 0600. */
  static void create(Path at, EntryStat s) throws IOException {
    FileKind k = s.kind();
    if (k == FileKind.FIFO) {
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
