package dev.ferry.mover.task;

import java.util.List;
import java.util.Objects;

/**
 * Handle many non-directory entries of one directory ({@code path}): files, symlinks, FIFOs and
 * devices. Batching keeps the per-task overhead small for trees of many small files.
 */
public record FileBatchTask(TaskScope scope, RelPath path, List<BatchEntry> entries)
    implements Task {
  public FileBatchTask {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
    entries = List.copyOf(entries);
  }
}
