package dev.ferry.mover.task;

import java.util.Objects;

/**
 * Remove one target entry (a whole subtree for a directory) that the delete pass found definitely
 * absent from the source. The handler re-checks the absence before removing.
 */
public record DeleteTask(TaskScope scope, RelPath path) implements Task {
  public DeleteTask {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
  }
}
