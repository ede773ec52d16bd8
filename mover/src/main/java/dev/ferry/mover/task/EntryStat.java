package dev.ferry.mover.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code lstat} of an entry, as a value: what a directory task learns about a source entry and
 * hands on in a file-batch task, so the source is stat'ed once per pass. Times are nanoseconds
 * since the epoch; {@code mode} holds the full {@code st_mode} (type, setuid/setgid/sticky and
 * permission bits).
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
    long rdev) {

  private static final String ATTRS =
      "unix:mode,size,lastModifiedTime,lastAccessTime,uid,gid,dev,ino,nlink,rdev";

  /** {@code lstat} of {@code p}; never follows a symlink. */
  public static EntryStat lstat(Path p) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, ATTRS, LinkOption.NOFOLLOW_LINKS);
    return new EntryStat(
        (Integer) a.get("mode"),
        (Long) a.get("size"),
        nanos((FileTime) a.get("lastModifiedTime")),
        nanos((FileTime) a.get("lastAccessTime")),
        (Integer) a.get("uid"),
        (Integer) a.get("gid"),
        (Long) a.get("dev"),
        (Long) a.get("ino"),
        (Integer) a.get("nlink"),
        (Long) a.get("rdev"));
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

  private static long nanos(FileTime t) {
    return t.to(TimeUnit.NANOSECONDS);
  }
}
