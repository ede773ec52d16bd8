package dev.ferry.mover.task;

import java.util.Objects;

/**
 * Finishes a file copied as chunks by several workers: final length (a trailing hole), mode, owner,
 * xattrs and times of the temporary file, then the rename over the final name. The finish task of a
 * {@link SplitTask}. A transport must run it only after every chunk of the file succeeded; when one
 * failed it must not run it at all (the partial copy then stays under its temporary name) and
 * report the file as failed.
 */
public record CommitTask(TaskScope scope, RelPath path, EntryStat source) implements Task {
  public CommitTask {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
  }
}
