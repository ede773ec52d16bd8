package dev.ferry.mover.engine;

/** What the copy pass preserves besides content; all on by default, each can be turned off. */
public enum Preserve {
  /** Permission bits including setuid, setgid and sticky. */
  MODE,
  /** Owner and group (only when running as root; otherwise new files belong to the runner). */
  OWNER,
  /** mtime and atime, to the nanosecond (symlinks: microsecond without ferry's JNI library). */
  TIMES,
  /** Symlinks as symlinks; off: symlinks are skipped (never followed). */
  SYMLINKS,
  /** Names sharing an inode in the source share one inode in the target. */
  HARD_LINKS,
  /** All-zero blocks become holes; off: every byte is written. */
  SPARSE,
  /** FIFOs, and character and block devices (devices only as root). */
  SPECIAL,
  /**
   * Extended attributes: {@code user.*}, and {@code trusted.*} as root (not Lustre's own); only
   * {@code user.*} of files and directories without ferry's JNI library.
   */
  XATTRS,
  /** POSIX ACLs (access and default ACLs); needs ferry's JNI library. */
  ACLS
}
