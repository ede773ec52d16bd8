package dev.ferry.mover.task;

import java.util.Objects;

/**
 * Copy pass, for a transport whose workers share no chunk state (see {@link
 * ChunkLedger#commitsByTask()}): splits one large file, whose temporary target already exists, into
 * its {@link ChunkTask}s and defers a {@link CommitTask} until they are done. A task of its own so
 * that a batch holding several large files gives each file its own finish task.
 */
public record SplitTask(TaskScope scope, RelPath path, EntryStat source) implements Task {
  public SplitTask {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
  }
}
