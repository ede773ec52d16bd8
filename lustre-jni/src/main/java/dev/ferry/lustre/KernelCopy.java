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

  /** What copyNew reports as the errno of a source that ended early (9999 is no errno). */
  private static final int SHORT_SOURCE_ERRNO = 9999;

  private static final String ENDED_EARLY = "file ended early (it changed while being read)";

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
      throw new IOException(ENDED_EARLY);
    }
    if (rc < 0) {
      throw new IOException("in-kernel copy: " + LustreNative.strerror(-rc));
    }
    return rc == 1;
  }

  /** What a {@link #copyNew} call failed at: which path the errno is about. */
  public enum Step {
    /** Opening the source. */
    SOURCE,
    /** Creating the target. */
    TARGET,
    /** Copying the bytes (or closing the target: a late write error). */
    COPY,
    /** Reading xattr names, or setting owner, mode or times on the target. */
    METADATA
  }

  /** A {@link #copyNew} call failed; {@link #errno} is 0 when the source ended early. */
  public static final class CopyFailure extends IOException {
    private static final long serialVersionUID = 1L;
    private final Step step;
    private final int errno;

    CopyFailure(Step step, int errno) {
      super(
          errno == 0
              ? ENDED_EARLY
              : step.name().toLowerCase(java.util.Locale.ROOT)
                  + ": "
                  + LustreNative.strerror(errno));
      this.step = step;
      this.errno = errno;
    }

    public Step step() {
      return step;
    }

    public int errno() {
      return errno;
    }
  }

  /**
   * Copies the whole regular file {@code source} ({@code size} bytes) into {@code target}, which it
   * creates ({@code O_CREAT|O_EXCL}, mode 0600; neither path is followed if it is a symlink;
   * sparse: holes stay holes), then sets on the open target: owner ({@code uid}/{@code gid}, -1 to
   * leave one as created), {@code mode}, and with {@code times} atime and mtime (nanoseconds since
   * the epoch), in that order. With {@code checkXattrs}, when either file has an extended attribute
   * (an inherited ACL included), no metadata is set and the call returns false: the caller then
   * sets all of it by path, xattrs first.
   *
   * @return whether the metadata was set
   * @throws CopyFailure naming the step that failed, with its errno
   */
  public static boolean copyNew(
      byte[] source,
      byte[] target,
      long size,
      boolean sparse,
      int mode,
      int uid,
      int gid,
      boolean times,
      long atimeNanos,
      long mtimeNanos,
      boolean checkXattrs)
      throws CopyFailure {
    int rc =
        copyNewFile(
            source,
            target,
            size,
            sparse,
            mode,
            uid,
            gid,
            times,
            atimeNanos,
            mtimeNanos,
            checkXattrs);
    if (rc < 0) {
      int code = -rc;
      int errno = code % 1_000_000;
      throw new CopyFailure(
          Step.values()[code / 1_000_000 - 1], errno == SHORT_SOURCE_ERRNO ? 0 : errno);
    }
    return rc == 0;
  }

  /** 0: done; 1: metadata left to the caller; else -(step * 1,000,000 + errno). */
  private static native int copyNewFile(
      byte[] source,
      byte[] target,
      long size,
      boolean sparse,
      int mode,
      int uid,
      int gid,
      boolean times,
      long atimeNanos,
      long mtimeNanos,
      boolean checkXattrs);

  /** 1: last byte written; 0: ends in a hole; else -errno or {@link #SHORT_SOURCE}. */
  private static native int copyRange(
      byte[] source, byte[] target, long offset, long length, boolean sparse);
}
