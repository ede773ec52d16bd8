package dev.ferry.mover.task;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * One {@code lstat} of an entry, as a value: what a directory task learns about a source entry and
 * hands on in a file-batch task, so the source is stat'ed once per pass. Times are nanoseconds
 * since the epoch; {@code mode} holds the full {@code st_mode} (type, setuid/setgid/sticky and
 * permission bits). {@code ctimeNanos} is the last status change (any data, mode, owner, xattr or
 * ACL write), or {@link #UNKNOWN_CTIME}.
 */
public record EntryStat(
    int mode,
    long size,
    long mtimeNanos,
    long atimeNanos,
    int uid,
    int gid,
    long dev,
    long ino,
    int nlink,
    long rdev,
    long ctimeNanos) {

  /** {@code ctimeNanos} when it is not known (a task encoded before ctime was sent). */
  public static final long UNKNOWN_CTIME = 0;

  /** {@code lstat} of {@code p}; never follows a symlink. */
  public static EntryStat lstat(Path p) throws IOException {
    return StatReader.lstat(p);
  }

  public FileKind kind() {
    return FileKind.ofMode(mode);
  }

  /** Permission bits including setuid, setgid and sticky ({@code 07777}). */
  public int permissions() {
    return mode & 07777;
  }

  public FileTime mtime() {
    return FileTime.from(mtimeNanos, TimeUnit.NANOSECONDS);
  }

  public FileTime atime() {
    return FileTime.from(atimeNanos, TimeUnit.NANOSECONDS);
  }
}
