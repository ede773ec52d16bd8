package dev.ferry.lustre;

/**
 * The JNI entry points of {@code libferrylustre.so} (source in {@code src/main/c}). Every {@code
 * int}/{@code long} result below zero is a negative errno; {@link Lustre} turns it into an
 * exception. Handles come from {@link #open} and live as long as the process.
 */
final class LustreNative {
  /** Longs per layout component in {@link #readLayout} and {@link #createFile} arrays. */
  static final int FIELDS = 6;

  private LustreNative() {}

  /** statfs(2) {@code f_type} of the filesystem holding {@code path}, or -errno. */
  static native long fsType(byte[] path);

  /** The C library's text for an errno value. */
  static native String strerror(int errno);

  /**
   * dlopen()s the library and resolves every function ferry uses; returns a handle, or 0 with the
   * reason in {@code error[0]}. Also silences the library's own messages on stderr.
   */
  static native long open(byte[] library, String[] error);

  /** The file the library was actually loaded from (dladdr), or null if unknown. */
  static native String loadedFrom(long handle);

  /**
   * Reads a file's layout: {@code out[0]} is 1 when composite, then {@link #FIELDS} longs per
   * component; {@code pools[i]} is component i's pool or null. Returns the component count.
   */
  static native int readLayout(long handle, byte[] path, long[] out, String[] pools);

  /** Creates {@code path} (which must not exist) with the layout, stripe 0's OST unpinned. */
  static native int createFile(
      long handle, byte[] path, int mode, boolean composite, long[] components, String[] pools);

  /** Creates a directory on MDT {@code mdt} ({@code -1}: Lustre chooses). */
  static native int createDirectory(long handle, byte[] path, int mode, int mdt);

  /** The MDT index {@code path} lives on, or -errno. */
  static native int mdtIndex(long handle, byte[] path);
}
