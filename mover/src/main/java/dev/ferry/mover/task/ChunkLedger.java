package dev.ferry.mover.task;

/**
 * Knows which chunks of a chunked file are done, so exactly one chunk task finishes the file. The
 * in-process transport keeps it in memory; a distributed transport keeps it where all workers see
 * it. Entries exist only for files with chunks in flight.
 */
public interface ChunkLedger {
  /**
   * Records that {@code chunk} is done; returns true for exactly one call per file and job: the one
   * that completes the set of {@code chunk.count()} chunks. A repeated call for the same chunk
   * (redelivery) counts once and never completes a set twice (the in-process ledger may then keep a
   * stale entry for that file until the end of the run).
   */
  boolean completes(ChunkTask chunk);
}
