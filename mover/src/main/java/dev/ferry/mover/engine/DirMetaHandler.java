package dev.ferry.mover.engine;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.DirMetaTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;

/**
 * A directory's metadata, after everything inside it is done: copy pass (mode, owner, xattrs,
 * times) or dirtimes pass (times only). Changes nothing that already matches, so a re-run on an
 * unchanged tree writes nothing.
 */
final class DirMetaHandler {
  private final PassContext ctx;

  DirMetaHandler(PassContext ctx) {
    this.ctx = ctx;
  }

  void handle(DirMetaTask t, TaskSink sink) {
    Path dst = ctx.target(t.path());
    EntryStat src = t.source();
    try {
      EntryStat existing = PassContext.lstatOrNull(dst);
      if (existing == null || existing.kind() != FileKind.DIRECTORY) {
        return; // its creation failed and was reported, or a dry run
      }
      if (t.scope().pass() == Pass.DIRTIMES) {
        if (existing.mtimeNanos() != src.mtimeNanos()) {
          if (ctx.cfg.dryRun()) {
            sink.differ(t.path(), "would set directory times");
            return;
          }
          Files.getFileAttributeView(dst, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              .setTimes(src.mtime(), src.atime(), null);
          sink.count(Counter.DIRS_UPDATED, 1);
        }
        return;
      }
      if (t.path().isRoot() && !ctx.cfg.dryRun()) {
        // The job's last task: every name is linked, and the root's times come after this.
        ctx.links.removeAll(sink);
      }
      if (!ctx.cfg.dryRun() && ctx.meta.apply(dst, ctx.source(t.path()), src, existing, true)) {
        sink.count(Counter.DIRS_UPDATED, 1);
      }
    } catch (IOException e) {
      sink.fail(t.path(), "cannot set directory metadata: " + PassContext.reason(e));
    }
  }
}
