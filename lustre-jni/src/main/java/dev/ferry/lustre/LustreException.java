package dev.ferry.lustre;

import java.io.IOException;

/** A liblustreapi call failed; the message is one line naming the path and the reason. */
public final class LustreException extends IOException {
  private static final long serialVersionUID = 1L;

  /** errno for "the library is not loaded". */
  public static final int ENOSYS = 38;

  public static final int EEXIST = 17;
  public static final int EINVAL = 22;

  private final int errno;

  public LustreException(String message, int errno) {
    super(message);
    this.errno = errno;
  }

  /** The errno the library reported (positive). */
  public int errno() {
    return errno;
  }
}
