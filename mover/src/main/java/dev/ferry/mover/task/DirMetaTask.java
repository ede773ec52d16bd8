package dev.ferry.mover.task;

import java.util.Objects;

/**
 * Apply a directory's metadata on the target after everything inside it has finished: in the copy
 * pass mode, owner, xattrs and times; in the dirtimes pass times only. Emitted as the "finish" task
 * of a {@link DirTask}; a transport must run it only after all tasks descended from that directory
 * task are done (deepest directories therefore first).
 */
public record DirMetaTask(TaskScope scope, RelPath path, EntryStat source) implements Task {
  public DirMetaTask {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
  }
}
