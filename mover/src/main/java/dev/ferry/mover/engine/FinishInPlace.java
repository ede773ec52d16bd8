package dev.ferry.mover.engine;

import dev.ferry.mover.task.ForwardingSink;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskSink;

/**
 * Holds back a task's finish task while the task runs, to tell afterwards whether the task emitted
 * any child. One that emitted none has no subtree to wait for: its finish task may run at once, in
 * the same task ({@link #takeIfLeaf}), which under any transport spares a task and, across nodes,
 * its messages, confirms and ledger entry and the wait for the job's deferred waves. One that
 * emitted children hands the finish task on ({@link #handOn}), to run after its subtree as before.
 * Everything else passes straight through.
 */
final class FinishInPlace extends ForwardingSink {
  private boolean emitted;
  private Task finish;

  FinishInPlace(TaskSink sink) {
    super(sink);
  }

  /** The finish task to run now, when the task emitted nothing; else null (handed on). */
  Task takeIfLeaf() {
    if (emitted) {
      handOn();
      return null;
    }
    Task t = finish;
    finish = null;
    return t;
  }

  /** Gives the finish task (if any) to the transport, to run after the task's subtree. */
  void handOn() {
    if (finish != null) {
      super.finish(finish);
      finish = null;
    }
  }

  @Override
  public void emit(Task child) {
    emitted = true;
    super.emit(child);
  }

  @Override
  public void finish(Task after) {
    finish = after;
  }
}
