package dev.ferry.lustre;

import java.io.IOException;

/** A POSIX call of {@link NativeFiles} failed; the message names the call, the path and why. */
public final class PosixCallException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The attribute does not exist. */
  public static final int ENODATA = 61;

  /** The filesystem (or this kind of entry) does not support the attribute or namespace. */
  public static final int EOPNOTSUPP = 95;

  /** Not permitted (for example {@code user.*} on a symlink, {@code trusted.*} when not root). */
  public static final int EPERM = 1;

  private final int errno;

  PosixCallException(String message, int errno) {
    super(message);
    this.errno = errno;
  }

  /** The errno of the failed call (positive). */
  public int errno() {
    return errno;
  }
}
