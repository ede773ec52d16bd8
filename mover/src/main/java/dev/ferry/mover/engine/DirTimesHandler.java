package dev.ferry.mover.engine;

import dev.ferry.mover.task.DirMetaTask;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;

/**
 * Dirtimes pass, one directory: walk the source's subdirectories that exist as real directories in
 * the target, and set this directory's times in the finish task, after all of them (so the deepest
 * directories are set first and nothing later moves a parent's mtime).
 */
final class DirTimesHandler {
  private final PassContext ctx;

  DirTimesHandler(PassContext ctx) {
    this.ctx = ctx;
  }

  void handle(DirTask t, TaskSink sink) {
    if (!Files.isDirectory(ctx.target(t.path()), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    EntryStat src = t.source();
    if (src == null) {
      try {
        src = EntryStat.lstat(ctx.source(t.path()).toRealPath());
      } catch (IOException e) {
        sink.fail(t.path(), "cannot stat source directory: " + PassContext.reason(e));
        return;
      }
    }
    if (!SourceLister.list(
        ctx,
        t.path(),
        sink,
        (child, stat) -> sink.emit(new DirTask(ctx.scope, child, stat)),
        null)) {
      return; // an incomplete listing: leave this directory's times alone
    }
    sink.finish(new DirMetaTask(ctx.scope, t.path(), src));
  }
}
