package dev.ferry.mover.task;

/**
 * Runs one task against the filesystems. Pure of transport: everything it produces goes to the
 * sink. A handler never throws for an item's failure (it reports it with {@link TaskSink#fail}); an
 * exception escaping it means the task as a whole failed, and the transport reports it against the
 * task's path.
 */
@FunctionalInterface
public interface TaskHandler {
  void handle(Task task, TaskSink sink);

  /** Runs {@code task} and returns everything it produced, for transports that publish later. */
  default TaskOutcome run(Task task) {
    CollectingSink sink = new CollectingSink();
    handle(task, sink);
    return sink.outcome();
  }
}
