package dev.ferry.scheduler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * An advisory OS lock on a file, held for the whole run. The OS releases it when the process ends,
 * however it ends, so a crashed run never blocks the next one. The file itself is never deleted:
 * deleting it would let a third run lock a fresh file while the second still holds the old one.
 */
public final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * The default lock file: {@code $XDG_RUNTIME_DIR/ferry-schedule.lock} (already per user), else
   * {@code <tmpdir>/ferry-schedule-<user>.lock}.
   */
  public static Path defaultPath(Map<String, String> env, String tmpDir, String user) {
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
      return Path.of(runtime, "ferry-schedule.lock");
    }
    String safeUser = user == null ? "user" : user.replaceAll("[^A-Za-z0-9._-]", "_");
    return Path.of(tmpDir, "ferry-schedule-" + safeUser + ".lock");
  }

  /** Takes the lock at once or throws {@link LockHeldException}; never waits. */
  public static RunLock acquire(Path file, long pid) {
    FileChannel channel = open(file);
    try {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new LockHeldException(
            "another ferry schedule run holds the lock " + file + holder + "; nothing done");
      }
      // Only the holder writes, so a waiting run never clobbers the pid of the running one.
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      return new RunLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new SchedulerConfigException("cannot use lock file " + file + ": " + e, e);
    }
  }

  private static FileChannel open(Path file) {
    try {
      return FileChannel.open(
          file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      throw new SchedulerConfigException(
          "cannot create lock file " + file + ": its directory does not exist", e);
    } catch (AccessDeniedException e) {
      throw new SchedulerConfigException(
          "cannot open lock file " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new SchedulerConfigException("cannot open lock file " + file + ": " + e, e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this same JVM
    }
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(32);
      channel.read(buf, 0);
      String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
      return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing releases the lock anyway; nothing else to do.
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // The channel close below releases it too.
    }
    closeQuietly(channel);
  }
}
