package dev.ferry.mover.amqp;

import java.util.List;

/**
 * Runs the body of one task on a worker. The transport acknowledges the task only after {@link
 * #process} returned (so its effects must be durable by then) and its children were published and
 * confirmed. It may be called again for the same task after a crash or redelivery.
 */
public interface TaskProcessor {
  /**
   * Does the work of one task.
   *
   * @throws PermanentTaskException when retrying cannot help; the task is dead-lettered at once
   * @throws Exception anything else returns the task to the queue, up to the delivery limit
   */
  TaskResult process(TaskMessage task) throws Exception;

  /** What a task is about, for the report of a dead-lettered one (paths, typically). */
  List<String> describe(byte[] body);

  /** Told when a task arrives that the broker delivered before (for metrics). */
  default void redelivered() {}

  /** Told when a task is given up: recorded as failed, by this worker or from a dead letter. */
  default void givenUp() {}
}
