package dev.ferry.lustre;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * POSIX calls the JDK does not offer, through ferry's own JNI library (no liblustreapi needed): raw
 * extended attributes of every namespace, on any kind of entry including symlinks; times to the
 * nanosecond without opening or following the entry; {@code mknod(2)}. Paths and attribute names
 * are the raw bytes the kernel sees. Nothing follows a symlink.
 *
 * <p>When the JNI library did not load, {@link #available()} is false and every call throws {@link
 * PosixCallException} with errno ENOSYS; callers fall back to what Java can do.
 */
public final class NativeFiles {
  private static final int ENOSYS = 38;

  private NativeFiles() {}

  /** True when the JNI library is loaded. */
  public static boolean available() {
    return NativeLoader.failure() == null;
  }

  /** Why the JNI library is not loaded; empty when it is. */
  public static Optional<String> unavailableReason() {
    return Optional.ofNullable(NativeLoader.failure());
  }

  /** The names of the xattrs of {@code path} (the entry itself, never a link's target). */
  public static List<byte[]> listXattrs(byte[] path) throws PosixCallException {
    requireLoaded();
    int[] err = new int[1];
    byte[] all = PosixNative.listXattrs(path, err);
    if (all == null) {
      throw error("llistxattr", path, null, err[0]);
    }
    List<byte[]> names = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == 0) {
        if (i > start) {
          names.add(Arrays.copyOfRange(all, start, i));
        }
        start = i + 1;
      }
    }
    return names;
  }

  /** The value of xattr {@code name} of {@code path}; errno ENODATA when it has none. */
  public static byte[] getXattr(byte[] path, byte[] name) throws PosixCallException {
    requireLoaded();
    int[] err = new int[1];
    byte[] value = PosixNative.getXattr(path, name, err);
    if (value == null) {
      throw error("lgetxattr", path, name, err[0]);
    }
    return value;
  }

  /** Creates or replaces xattr {@code name} of {@code path}. */
  public static void setXattr(byte[] path, byte[] name, byte[] value) throws PosixCallException {
    requireLoaded();
    check(PosixNative.setXattr(path, name, value), "lsetxattr", path, name);
  }

  /** Removes xattr {@code name} of {@code path}. */
  public static void removeXattr(byte[] path, byte[] name) throws PosixCallException {
    requireLoaded();
    check(PosixNative.removeXattr(path, name), "lremovexattr", path, name);
  }

  /**
   * Sets atime and mtime (nanoseconds since the epoch) of the entry itself: a symlink's own times,
   * a FIFO's or a device's without opening it.
   */
  public static void setTimes(byte[] path, long atimeNanos, long mtimeNanos)
      throws PosixCallException {
    requireLoaded();
    int rc =
        PosixNative.setTimes(
            path,
            Math.floorDiv(atimeNanos, 1_000_000_000L),
            Math.floorMod(atimeNanos, 1_000_000_000L),
            Math.floorDiv(mtimeNanos, 1_000_000_000L),
            Math.floorMod(mtimeNanos, 1_000_000_000L));
    check(rc, "utimensat", path, null);
  }

  /** mknod(2): {@code mode} holds the type bits (S_IFIFO, S_IFCHR, S_IFBLK) and permissions. */
  public static void mknod(byte[] path, int mode, long rdev) throws PosixCallException {
    requireLoaded();
    check(PosixNative.mknod(path, mode, rdev), "mknod", path, null);
  }

  /**
   * syncfs(2): writes back every dirty page and the journal of the filesystem holding the directory
   * {@code dir}, and waits; a writeback error since the last call on that filesystem is reported.
   */
  public static void syncFilesystem(byte[] dir) throws PosixCallException {
    requireLoaded();
    check(PosixNative.syncFilesystem(dir), "syncfs", dir, null);
  }

  private static void requireLoaded() throws PosixCallException {
    if (!available()) {
      throw new PosixCallException(
          "ferry's JNI library did not load: " + NativeLoader.failure(), ENOSYS);
    }
  }

  private static void check(int rc, String call, byte[] path, byte[] name)
      throws PosixCallException {
    if (rc < 0) {
      throw error(call, path, name, -rc);
    }
  }

  /** Path and name are shown lossily (UTF-8, replacement characters): only for the message. */
  static PosixCallException error(String call, byte[] path, byte[] name, int errno) {
    String what = new String(path, StandardCharsets.UTF_8);
    if (name != null) {
      what += " (" + new String(name, StandardCharsets.UTF_8) + ")";
    }
    return new PosixCallException(call + " " + what + ": " + LustreNative.strerror(errno), errno);
  }
}
