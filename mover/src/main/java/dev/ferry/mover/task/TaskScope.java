package dev.ferry.mover.task;

import java.util.Objects;

/**
 * What every task carries besides its own fields: the job it belongs to, the pass, and the names of
 * the source and target filesystems (resolved to local mount points by a {@code Roots}).
 */
public record TaskScope(String jobId, Pass pass, String source, String target) {
  public TaskScope {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(pass, "pass");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }
}
