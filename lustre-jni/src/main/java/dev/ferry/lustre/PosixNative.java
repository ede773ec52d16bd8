package dev.ferry.lustre;

/**
 * The JNI entry points of {@code libferrylustre.so} for plain POSIX calls Java cannot make (source
 * in {@code src/main/c/ferry_posix.c}). Paths and names are raw bytes; {@code int} results below
 * zero are a negative errno; {@code byte[]} results are null on failure, the errno in {@code
 * err[0]}. None of them follows a symlink.
 */
final class PosixNative {
  private PosixNative() {}

  /** llistxattr(2): the names, each followed by a NUL byte. */
  static native byte[] listXattrs(byte[] path, int[] err);

  /** lgetxattr(2): the whole value. */
  static native byte[] getXattr(byte[] path, byte[] name, int[] err);

  /** lsetxattr(2) with flags 0 (create or replace). */
  static native int setXattr(byte[] path, byte[] name, byte[] value);

  /** lremovexattr(2). */
  static native int removeXattr(byte[] path, byte[] name);

  /** utimensat(AT_FDCWD, path, {atime, mtime}, AT_SYMLINK_NOFOLLOW). */
  static native int setTimes(
      byte[] path, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec);

  /** mknod(2) with the full mode (type bits included) and device number. */
  static native int mknod(byte[] path, int mode, long rdev);

  /** syncfs(2) on the filesystem holding the directory {@code dir} (opened O_NOFOLLOW). */
  static native int syncFilesystem(byte[] dir);
}
