package dev.ferry.mover.task;

/**
 * Where a handler puts what it produces while it runs. A transport implements it: the in-process
 * transport queues children at once (so a huge directory is never held as a list), the RabbitMQ
 * transport publishes them. {@link CollectingSink} gathers everything into a {@link TaskOutcome}.
 */
public interface TaskSink {
  /** A child task, to run in any order relative to its siblings. */
  void emit(Task child);

  /**
   * The task to run once this task and every task descended from it have finished. At most one per
   * task; later calls replace earlier ones. (The engine's handler runs it itself, at the end of the
   * task, when the task emitted nothing: a transport only sees those of tasks with children.)
   */
  void finish(Task after);

  /** Adds {@code delta} to a counter. */
  void count(Counter counter, long delta);

  /**
   * An item failed: reported by path, and the run goes on. Counts as one {@link Counter#FAILED}.
   */
  void fail(RelPath path, String reason);

  /**
   * An item differs between source and target (verify), or would change (dry run). Counts as one
   * {@link Counter#DIFFERENT}.
   */
  void differ(RelPath path, String what);

  /** Progress: the item this worker is now on (for the status board); may be ignored. */
  default void working(RelPath path) {}

  /** Progress: bytes just moved by this worker (for the rate); may be ignored. */
  default void moved(long bytes) {}
}
