package dev.ferry.mover.task;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code lstat} into an {@link EntryStat} on the hot path. With {@code java.base/sun.nio.fs} opened
 * (the ferry jar does) the JDK's own {@code UnixFileAttributes} fields are read directly; otherwise
 * the public {@code "unix:*"} attribute map is used, which builds a map and parses an attribute
 * list on every call (several times slower per entry, same values).
 */
final class StatReader {
  private static final String ATTRS =
      "unix:mode,size,lastModifiedTime,lastAccessTime,uid,gid,dev,ino,nlink,rdev,ctime";
  private static final VarHandle[] FIELDS;
  private static final String[] NAMES = {
    "st_mode",
    "st_ino",
    "st_dev",
    "st_rdev",
    "st_nlink",
    "st_uid",
    "st_gid",
    "st_size",
    "st_atime_sec",
    "st_atime_nsec",
    "st_mtime_sec",
    "st_mtime_nsec",
    "st_ctime_sec",
    "st_ctime_nsec"
  };

  static {
    VarHandle[] fields = new VarHandle[NAMES.length];
    try {
      Class<?> c = Class.forName("sun.nio.fs.UnixFileAttributes");
      MethodHandles.Lookup l = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
      for (int i = 0; i < NAMES.length; i++) {
        Class<?> type = c.getDeclaredField(NAMES[i]).getType();
        fields[i] = l.findVarHandle(c, NAMES[i], type);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      fields = null; // not opened: the attribute map below gives the same values
    }
    FIELDS = fields;
  }

  private StatReader() {}

  static EntryStat lstat(Path p) throws IOException {
    if (FIELDS != null) {
      Object a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.getClass().getName().equals("sun.nio.fs.UnixFileAttributes")) {
        return fromFields(a);
      }
    }
    return fromMap(Files.readAttributes(p, ATTRS, LinkOption.NOFOLLOW_LINKS));
  }

  static boolean direct() {
    return FIELDS != null;
  }

  private static EntryStat fromFields(Object a) {
    return new EntryStat(
        (int) FIELDS[0].get(a),
        (long) FIELDS[7].get(a),
        nanos((long) FIELDS[10].get(a), (long) FIELDS[11].get(a)),
        nanos((long) FIELDS[8].get(a), (long) FIELDS[9].get(a)),
        (int) FIELDS[5].get(a),
        (int) FIELDS[6].get(a),
        (long) FIELDS[2].get(a),
        (long) FIELDS[1].get(a),
        (int) FIELDS[4].get(a),
        (long) FIELDS[3].get(a),
        nanos((long) FIELDS[12].get(a), (long) FIELDS[13].get(a)));
  }

  static EntryStat fromMap(Map<String, Object> a) {
    return new EntryStat(
        (Integer) a.get("mode"),
        (Long) a.get("size"),
        ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
        ((FileTime) a.get("lastAccessTime")).to(TimeUnit.NANOSECONDS),
        (Integer) a.get("uid"),
        (Integer) a.get("gid"),
        (Long) a.get("dev"),
        (Long) a.get("ino"),
        (Integer) a.get("nlink"),
        (Long) a.get("rdev"),
        ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS));
  }

  static EntryStat slow(Path p) throws IOException {
    return fromMap(Files.readAttributes(p, ATTRS, LinkOption.NOFOLLOW_LINKS));
  }

  private static long nanos(long sec, long nsec) {
    return sec * 1_000_000_000L + nsec;
  }
}
