package dev.ferry.lustre;

/**
 * The JNI entry points of {@code libferrylustre.so} behind {@link DirScan} (source in {@code
 * src/main/c/ferry_scan.c}). A handle is a C pointer: only {@link DirScan} holds one, and closes it
 * exactly once.
 */
final class ScanNative {
  private ScanNative() {}

  /** Opens a directory ({@code O_DIRECTORY|O_NOFOLLOW}); 0 on failure, the errno in err[0]. */
  static native long open(byte[] path, int[] err);

  /**
   * Reads the next entries: NUL-terminated names into {@code names}, {@link DirScan#FIELDS} longs
   * each into {@code stats}. Returns how many, 0 at the end, a negative errno on failure.
   */
  static native int next(long handle, byte[] names, long[] stats);

  /** fstatat(AT_SYMLINK_NOFOLLOW) of one name in the directory; {@link DirScan#FIELDS} longs. */
  static native void statAt(long handle, byte[] name, long[] out);

  /** Closes the directory and frees the handle. */
  static native void close(long handle);
}
