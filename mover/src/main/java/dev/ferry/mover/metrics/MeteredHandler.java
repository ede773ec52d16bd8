package dev.ferry.mover.metrics;

import dev.ferry.mover.task.ChunkTask;
import dev.ferry.mover.task.CommitTask;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.DeleteTask;
import dev.ferry.mover.task.DirMetaTask;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.ForwardingSink;
import dev.ferry.mover.task.SplitTask;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskSink;
import java.util.Map;

/**
 * Wraps a handler so every task it runs is timed and counted, and every counter it reports is also
 * exported, labelled with the task's pass and target filesystem. Works under any transport, since
 * both run tasks through a {@link TaskHandler}.
 */
final class MeteredHandler implements TaskHandler {
  private static final Map<Class<? extends Task>, String> TYPES =
      Map.of(
          DirTask.class, "directory",
          FileBatchTask.class, "files",
          ChunkTask.class, "chunk",
          SplitTask.class, "split",
          CommitTask.class, "commit",
          DeleteTask.class, "delete",
          DirMetaTask.class, "dirmeta");

  private final TaskHandler handler;
  private final MoverMetrics metrics;

  MeteredHandler(TaskHandler handler, MoverMetrics metrics) {
    this.handler = handler;
    this.metrics = metrics;
  }

  /**
   * A configured filesystem's name, or {@code root} for a plain path: an embedded run names its
   * roots by their absolute paths, and a path must never become a label.
   */
  static String filesystemLabel(String filesystem) {
    return filesystem.startsWith("/") ? "root" : filesystem;
  }

  static String type(Task task) {
    return TYPES.getOrDefault(task.getClass(), "other");
  }

  @Override
  public void handle(Task task, TaskSink sink) {
    PassMetrics pass = metrics.pass(task.scope().pass(), filesystemLabel(task.scope().target()));
    try (TaskTimer timer = metrics.startTask(type(task))) {
      try {
        handler.handle(task, new CountingSink(sink, pass));
      } catch (RuntimeException e) {
        // The transport counts a task that throws as one failed item; so do the metrics.
        pass.count(Counter.FAILED, 1);
        throw e;
      }
      timer.result("ok");
    }
  }

  /** Passes everything on, and copies counts into the pass's meters. */
  private static final class CountingSink extends ForwardingSink {
    private final PassMetrics pass;

    CountingSink(TaskSink delegate, PassMetrics pass) {
      super(delegate);
      this.pass = pass;
    }

    @Override
    public void count(Counter counter, long delta) {
      pass.count(counter, delta);
      super.count(counter, delta);
    }
  }
}
