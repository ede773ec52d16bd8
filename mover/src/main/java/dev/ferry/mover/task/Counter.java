package dev.ferry.mover.task;

/** What a pass counts; handlers report deltas, transports add them up. */
public enum Counter {
  /** Source entries looked at (every listed entry, directories included). */
  SCANNED,
  /** Files, symlinks and special files written to the target. */
  COPIED,
  /** Target names made into hard links of an already copied file. */
  LINKED,
  /** Entries already up to date, or filtered out by age. */
  SKIPPED,
  /** Entries left out by {@code --exclude}. */
  EXCLUDED,
  /** Directories created on the target. */
  DIRS_CREATED,
  /** Target entries removed by the delete pass (a removed subtree counts every entry). */
  DELETED,
  /** Directories whose metadata or times were set. */
  DIRS_UPDATED,
  /** Entries that differ (verify), or would change (dry run). */
  DIFFERENT,
  /**
   * Temporary files of other, earlier jobs (killed copies) removed by the copy pass; see {@code
   * StaleTemps}.
   */
  STALE_TEMP_FILES_REMOVED,
  /** Items that failed; each also has an item failure with its path. */
  FAILED,
  /** Bytes of file content written (or compared, for verify). */
  BYTES
}
