package dev.ferry.mover.amqp;

import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskCodec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The engine, except that the first run of one chosen message fails after doing all its work, as a
 * kill -9 between the work and the acknowledgement would: the broker delivers it again.
 */
final class LosingFirstRun implements TaskProcessor {
  private final TaskCodec codec = new TaskCodec();
  private final Predicate<List<Task>> victim;
  private final AtomicInteger lost;
  private final TaskProcessor engine;

  /**
   * @param victim chooses the message by its tasks (one, or a pack's)
   * @param lost set to the number of tasks in the message whose run was lost; 0 until then
   */
  LosingFirstRun(Predicate<List<Task>> victim, AtomicInteger lost, JobDirectory jobs) {
    this.victim = victim;
    this.lost = lost;
    this.engine =
        new EngineTaskProcessor(
            NamedFilesystems.none(), jobs, PassJobs.handlers(new PosixTargetCreator()));
  }

  @Override
  public TaskResult process(TaskMessage task) throws Exception {
    TaskResult result = engine.process(task);
    List<Task> tasks = codec.decodeAll(task.body());
    if (victim.test(tasks) && lost.compareAndSet(0, tasks.size())) {
      throw new IOException("lost after the work");
    }
    return result;
  }

  /** A delivery of a lost message comes back here, and is the engine's. */
  @Override
  public TaskResult processAgain(TaskMessage task) throws Exception {
    return engine.processAgain(task);
  }

  @Override
  public List<String> describe(byte[] body) {
    return engine.describe(body);
  }
}
