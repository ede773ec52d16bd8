package dev.ferry.mover.task;

import java.util.Objects;

/**
 * List one directory and emit work for its entries: full file batches (the copy pass copies the
 * last, partial one itself), child directory tasks, and a {@link DirMetaTask} to run once
 * everything below has finished (run by the engine at the task's end when it emitted nothing).
 * {@code source} is the directory's own {@code lstat} when the parent listing saw it, {@code null}
 * for a pass root.
 */
public record DirTask(TaskScope scope, RelPath path, EntryStat source) implements Task {
  public DirTask {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
  }
}
