package dev.ferry.mover.engine;

import dev.ferry.mover.task.ChunkTask;
import dev.ferry.mover.task.CommitTask;
import dev.ferry.mover.task.DeleteTask;
import dev.ferry.mover.task.DirMetaTask;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.SplitTask;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;

/** The handler of every task kind of every pass: dispatches on the pass and the kind. */
public final class PassHandler implements TaskHandler {
  private final CopyDirHandler copyDir;
  private final CopyBatchHandler copyBatch;
  private final FileCopier copier;
  private final DirMetaHandler dirMeta;
  private final DeleteHandlers delete;
  private final DirTimesHandler dirTimes;
  private final VerifyHandlers verify;
  private final PassContext ctx;

  PassHandler(PassContext ctx) {
    this.ctx = ctx;
    this.copier = new FileCopier(ctx);
    this.copyBatch = new CopyBatchHandler(ctx, copier);
    this.copyDir = new CopyDirHandler(ctx, copyBatch);
    this.dirMeta = new DirMetaHandler(ctx);
    this.delete = new DeleteHandlers(ctx);
    this.dirTimes = new DirTimesHandler(ctx);
    this.verify = new VerifyHandlers(ctx);
  }

  /**
   * Runs the task; when it emitted no child, its finish task too, at once and on the same sink (a
   * leaf directory's metadata after its files): there is no subtree to wait for, so this is the
   * order rule 2 of the task protocol asks for, and the transport sees one task whose counts and
   * failures include the finish task's. A task that throws hands its finish task on, as before.
   */
  @Override
  public void handle(Task task, TaskSink sink) {
    FinishInPlace held = new FinishInPlace(sink);
    try {
      dispatch(task, held);
    } catch (RuntimeException | Error e) {
      held.handOn();
      throw e;
    }
    Task finish = held.takeIfLeaf();
    if (finish != null) {
      handle(finish, sink);
    }
  }

  /**
   * A pass's first task (the root, not yet looked at): checks the roots as this node resolves them.
   * The embedded mode checked them before it started; a worker has not.
   */
  private boolean rootsRefused(TaskSink sink) {
    try {
      RootCheck.check(ctx.cfg, ctx.source(RelPath.ROOT), ctx.target(RelPath.ROOT));
      return false;
    } catch (MoverUsageException e) {
      sink.fail(RelPath.ROOT, e.getMessage());
      return true;
    }
  }

  private void dispatch(Task task, TaskSink sink) {
    Pass pass = task.scope().pass();
    if (task instanceof DirTask d) {
      if (d.source() == null && rootsRefused(sink)) {
        return;
      }
      switch (pass) {
        case COPY -> copyDir.handle(d, sink);
        case DELETE -> delete.directory(d, sink);
        case DIRTIMES -> dirTimes.handle(d, sink);
        case VERIFY -> verify.directory(d, sink);
      }
    } else if (task instanceof FileBatchTask b) {
      if (pass == Pass.VERIFY) {
        verify.batch(b, sink);
      } else {
        copyBatch.handle(b, sink);
      }
    } else if (task instanceof ChunkTask c) {
      chunk(c, sink);
    } else if (task instanceof SplitTask s) {
      copier.split(s, sink);
    } else if (task instanceof CommitTask c) {
      commit(c, sink);
    } else if (task instanceof DeleteTask x) {
      delete.delete(x, sink);
    } else if (task instanceof DirMetaTask m) {
      dirMeta.handle(m, sink);
    }
  }

  private void commit(CommitTask c, TaskSink sink) {
    sink.working(c.path());
    try {
      copier.commit(c, sink);
    } catch (IOException e) {
      sink.fail(c.path(), "commit: " + PassContext.reason(e));
    }
  }

  private void chunk(ChunkTask c, TaskSink sink) {
    sink.working(c.path());
    if (c.scope().pass() == Pass.VERIFY) {
      verify.chunk(c, sink);
      return;
    }
    try {
      copier.chunk(c, sink);
    } catch (IOException e) {
      sink.fail(c.path(), "chunk " + c.index() + " of " + c.count() + ": " + PassContext.reason(e));
    }
  }
}
