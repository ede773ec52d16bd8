package dev.ferry.lustre;

import java.util.Arrays;

/**
 * One open directory, listed in C: {@code readdir} plus an {@code lstat} of each entry, many
 * entries per JNI call, in two flat arrays this object reuses (no object per entry until the caller
 * asks for a name). Also stats single names relative to the directory ({@code fstatat}), which
 * saves the kernel a walk of the whole path. The directory itself is opened with {@code
 * O_NOFOLLOW}, and no entry is followed. Memory stays bounded however large the directory: at most
 * {@value #BATCH} entries are held at a time.
 *
 * <p>Needs ferry's JNI library ({@link #available()}); without it callers list with {@code
 * java.nio.file}. Not thread-safe: one thread uses one scan, in a try-with-resources block.
 */
public final class DirScan implements AutoCloseable {
  /** Longs per entry in {@link #stat}: these indexes. */
  public static final int FIELDS = 12;

  /** 0, or the errno of the entry's {@code lstat} (say ENOENT: it vanished after the listing). */
  public static final int F_ERRNO = 0;

  public static final int F_MODE = 1;
  public static final int F_SIZE = 2;
  public static final int F_MTIME_NS = 3;
  public static final int F_ATIME_NS = 4;
  public static final int F_UID = 5;
  public static final int F_GID = 6;
  public static final int F_DEV = 7;
  public static final int F_INO = 8;
  public static final int F_NLINK = 9;
  public static final int F_RDEV = 10;

  /**
   * Last status change: set by the kernel on every write of data or metadata (mode, owner, xattrs,
   * ACLs, link count), never settable by a caller.
   */
  public static final int F_CTIME_NS = 11;

  /** Entries per JNI call at most. */
  static final int BATCH = 256;

  private static final int NAME_BYTES = BATCH * 64;

  private final byte[] path;
  private long handle;
  // Allocated by the first next(): a scan used only for statAt needs none of them.
  private byte[] names;
  private int[] nameStart;
  private long[] stats;
  private int count;

  private DirScan(byte[] path, long handle) {
    this.path = path;
    this.handle = handle;
  }

  /** Whether the JNI library is loaded, so {@link #open} can be called. */
  public static boolean available() {
    return NativeLoader.failure() == null;
  }

  /** The C library's text for {@code errno} ({@code errno N} without the JNI library). */
  public static String strerror(int errno) {
    return available() ? LustreNative.strerror(errno) : "errno " + errno;
  }

  /**
   * Opens the directory {@code path} (raw bytes). Fails with the errno when it cannot be opened:
   * ENOTDIR, or ELOOP for a symlink (never followed), ENOENT, EACCES, ...
   */
  public static DirScan open(byte[] path) throws PosixCallException {
    if (!available()) {
      throw new PosixCallException(
          "ferry's JNI library did not load: " + NativeLoader.failure(), 38);
    }
    int[] err = new int[1];
    long h = ScanNative.open(path, err);
    if (h == 0) {
      throw NativeFiles.error("open", path, null, err[0]);
    }
    return new DirScan(path, h);
  }

  /**
   * Reads the next entries (never {@code .} or {@code ..}), in directory order; returns how many
   * are now held (indexes {@code 0 .. n-1} of the accessors), 0 at the end.
   */
  public int next() throws PosixCallException {
    requireOpen();
    if (names == null) {
      names = new byte[NAME_BYTES];
      nameStart = new int[BATCH + 1];
      stats = new long[BATCH * FIELDS];
    }
    int n = ScanNative.next(handle, names, stats);
    if (n < 0) {
      throw NativeFiles.error("readdir", path, null, -n);
    }
    count = n;
    int at = 0;
    for (int i = 0; i < n; i++) {
      nameStart[i] = at;
      while (names[at] != 0) {
        at++;
      }
      at++;
    }
    nameStart[n] = at;
    return n;
  }

  /** The raw name of entry {@code i}, a new array each call. */
  public byte[] name(int i) {
    check(i);
    return Arrays.copyOfRange(names, nameStart[i], nameStart[i + 1] - 1);
  }

  /** Field {@code field} ({@code F_*}) of entry {@code i}'s {@code lstat}. */
  public long stat(int i, int field) {
    check(i);
    return stats[i * FIELDS + field];
  }

  /**
   * {@code lstat} of the single name {@code name} in this directory into {@code out} ({@link
   * #FIELDS} longs, the same layout; {@code out[F_ERRNO]} ENOENT when there is none). A slash, a
   * NUL, {@code .} or {@code ..} is refused with EINVAL: only entries of this directory are looked
   * at.
   */
  public void statAt(byte[] name, long[] out) {
    requireOpen();
    if (out.length < FIELDS) {
      throw new IllegalArgumentException("need " + FIELDS + " longs");
    }
    ScanNative.statAt(handle, name, out);
  }

  @Override
  public void close() {
    if (handle != 0) {
      ScanNative.close(handle);
      handle = 0;
    }
  }

  private void requireOpen() {
    if (handle == 0) {
      throw new IllegalStateException("directory scan already closed");
    }
  }

  private void check(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException(i);
    }
  }
}
