package dev.ferry.mover.task;

import java.util.Objects;

/**
 * Copy bytes {@code [offset, offset + length)} of one large file into its temporary target. Chunk
 * {@code index} of {@code count}; the chunk whose completion completes the set (see {@link
 * ChunkLedger}) finishes the file: final length, attributes, times, rename into place.
 */
public record ChunkTask(
    TaskScope scope, RelPath path, EntryStat source, long offset, long length, int index, int count)
    implements Task {
  public ChunkTask {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
    if (offset < 0 || length < 0 || index < 0 || index >= count) {
      throw new IllegalArgumentException("bad chunk " + index + "/" + count + " at " + offset);
    }
  }
}
