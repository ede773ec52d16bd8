package dev.ferry.mover.amqp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the body of one task on a worker. The transport records a task done and acknowledges it only
 * after {@link #process} returned, its children were published and confirmed, and {@link #flush}
 * made what it wrote durable. It may be called again for the same task after a crash or redelivery.
 */
public interface TaskProcessor {
  /**
   * Does the work of one task.
   *
   * @throws PermanentTaskException when retrying cannot help; the task is dead-lettered at once
   * @throws Exception anything else returns the task to the queue, up to the delivery limit
   */
  TaskResult process(TaskMessage task) throws Exception;

  /**
   * Does the work of a task the broker delivered before (its worker died, or was stopped, before
   * acknowledging it). By default as {@link #process}.
   */
  default TaskResult processAgain(TaskMessage task) throws Exception {
    return process(task);
  }

  /**
   * Makes durable everything written under {@code root} (a {@link TaskResult#wroteUnder()}); called
   * once for a whole group of finished tasks, before any of them is recorded. A failure is recorded
   * as the failure of each task of the group that wrote there.
   */
  default void flush(Path root) throws IOException {}

  /** What a task is about, for the report of a dead-lettered one (paths, typically). */
  List<String> describe(byte[] body);

  /** Told when a task arrives that the broker delivered before (for metrics). */
  default void redelivered() {}

  /** Told when a task is given up: recorded as failed, by this worker or from a dead letter. */
  default void givenUp() {}
}
