package dev.ferry.lustre;

import java.io.IOException;

/**
 * Copies byte ranges between files inside the kernel ({@code copy_file_range(2)}, or {@code
 * sendfile(2)} where the kernel refuses it, e.g. across filesystems), visiting only the source's
 * data segments ({@code lseek SEEK_DATA/SEEK_HOLE}) when sparse, so holes stay holes. Needs only
 * ferry's own JNI library, not liblustreapi; when that cannot load, {@link #available()} is false
 * and callers copy in user space.
 */
public final class KernelCopy {
  /** The native result for a source that ended before the range (it changed while copied). */
  static final int SHORT_SOURCE = -100_000;

  private KernelCopy() {}

  /** Whether the JNI library is loaded, so {@link #copyRange} can be called. */
  public static boolean available() {
    return NativeLoader.failure() == null;
  }

  /**
   * Copies {@code [offset, offset + length)} of {@code source} into the existing file {@code
   * target} at the same offsets. Neither path is followed if it is a symlink. With {@code sparse},
   * ranges that are holes in the source are not written (the target must be a new file, whose
   * unwritten ranges read as zeros).
   *
   * @param source raw bytes of the source path
   * @param target raw bytes of the target path
   * @return whether the last byte of the range was written (false: it ends in a skipped hole, the
   *     caller sets the final length)
   * @throws IOException with the C library's text when a call fails or the source is too short
   */
  public static boolean copy(byte[] source, byte[] target, long offset, long length, boolean sparse)
      throws IOException {
    int rc = copyRange(source, target, offset, length, sparse);
    if (rc == SHORT_SOURCE) {
      throw new IOException("file ended early (it changed while being read)");
    }
    if (rc < 0) {
      throw new IOException("in-kernel copy: " + LustreNative.strerror(-rc));
    }
    return rc == 1;
  }

  /** 1: last byte written; 0: ends in a hole; else -errno or {@link #SHORT_SOURCE}. */
  private static native int copyRange(
      byte[] source, byte[] target, long offset, long length, boolean sparse);
}
