package dev.ferry.mover.task;

/**
 * Decides who finishes a file copied as chunks. The in-process transport keeps a ledger in memory,
 * and the chunk whose completion completes the set finishes the file. A distributed transport,
 * whose workers share no memory, uses {@link #BY_COMMIT_TASK} instead: the file is then finished by
 * a {@link CommitTask} that the transport runs after all the chunks, as their job's ledger decides.
 */
public interface ChunkLedger {
  /**
   * Records that {@code chunk} is done; returns true for exactly one call per file and job: the one
   * that completes the set of {@code chunk.count()} chunks. A repeated call for the same chunk
   * (redelivery) counts once and never completes a set twice (the in-process ledger may then keep a
   * stale entry for that file until the end of the run).
   */
  boolean completes(ChunkTask chunk);

  /**
   * Whether a large file becomes a {@link SplitTask} (its chunks, then a {@link CommitTask} as its
   * finish task) rather than chunk tasks of which one completes the set here.
   */
  default boolean commitsByTask() {
    return false;
  }

  /**
   * For transports that run a file's {@link CommitTask} once all its chunks succeeded: no chunk
   * ever completes a set by itself.
   */
  ChunkLedger BY_COMMIT_TASK =
      new ChunkLedger() {
        @Override
        public boolean completes(ChunkTask chunk) {
          return false;
        }

        @Override
        public boolean commitsByTask() {
          return true;
        }
      };
}
