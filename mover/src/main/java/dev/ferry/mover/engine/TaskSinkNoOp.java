package dev.ferry.mover.engine;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskSink;

/** A sink for helper work whose progress is not reported. */
final class TaskSinkNoOp implements TaskSink {
  @Override
  public void emit(Task child) {
    throw new IllegalStateException("no tasks expected");
  }

  @Override
  public void finish(Task after) {
    throw new IllegalStateException("no tasks expected");
  }

  @Override
  public void count(Counter counter, long delta) {}

  @Override
  public void fail(RelPath path, String reason) {}

  @Override
  public void differ(RelPath path, String what) {}
}
