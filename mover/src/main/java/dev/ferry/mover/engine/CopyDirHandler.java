package dev.ferry.mover.engine;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.DirMetaTask;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.FileKind;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copy pass, one directory: make sure the target directory is a real directory (creating it, or
 * replacing a symlink or file planted where the source has a directory, so nothing is ever written
 * through a link), then list the source and emit the work. Its metadata is applied by the finish
 * task, after everything inside, so read-only source directories are still filled.
 *
 * <p>Full file batches become tasks, so a huge directory spreads over every worker; the last batch,
 * which did not fill up (all of a directory of fewer than {@link SourceLister#BATCH_ENTRIES} small
 * files), is copied here, by the batch handler: one task fewer per directory, and a task still
 * bounded by one listing plus one batch.
 */
final class CopyDirHandler {
  private final PassContext ctx;
  private final CopyBatchHandler batches;

  CopyDirHandler(PassContext ctx, CopyBatchHandler batches) {
    this.ctx = ctx;
    this.batches = batches;
  }

  void handle(DirTask t, TaskSink sink) {
    RelPath rel = t.path();
    if (ctx.links.reserved(rel)) {
      sink.fail(rel, "name reserved for this job's hard-link staging directory");
      return;
    }
    Path dst = ctx.target(rel);
    EntryStat src = t.source();
    if (src == null) { // the pass's root: SRC itself (checked by RootCheck, but it may change)
      try {
        src = EntryStat.lstat(ctx.source(rel).toRealPath());
      } catch (IOException e) {
        sink.fail(rel, "cannot read the source directory: " + PassContext.reason(e));
        return;
      }
    }
    boolean existed;
    try {
      EntryStat existing = PassContext.lstatOrNull(dst);
      boolean realDir = existing != null && existing.kind() == FileKind.DIRECTORY;
      existed = realDir;
      if (ctx.cfg.dryRun() && !realDir) {
        DryRunWalk.reportAll(ctx, rel, sink);
        return;
      }
      if (!realDir) {
        if (existing != null) {
          TargetTree.remove(dst, rel, sink); // a symlink or file where the source has a directory
        }
        ctx.creator.createDirectory(dst, ctx.source(rel), src);
        ctx.meta.newDirectory(dst, src);
        sink.count(Counter.DIRS_CREATED, 1);
      } else if (!ctx.root && (existing.permissions() & 0300) != 0300 && !ctx.cfg.dryRun()) {
        // Not root: a read-only target directory must be writable while it is filled.
        Files.setAttribute(dst, "unix:mode", existing.permissions() | 0700);
      }
    } catch (IOException e) {
      sink.fail(rel, "cannot create target directory: " + PassContext.reason(e));
      return;
    }
    if (existed && !ctx.cfg.dryRun()) {
      StaleTemps.sweep(ctx, rel, dst, sink);
    }
    sink.finish(new DirMetaTask(ctx.scope, rel, src));
    SourceLister.list(
        ctx,
        rel,
        sink,
        (child, stat) -> sink.emit(new DirTask(ctx.scope, child, stat)),
        new SourceLister.Batches() {
          @Override
          public void full(FileBatchTask batch) {
            sink.emit(batch);
          }

          @Override
          public void last(FileBatchTask batch) {
            batches.handle(batch, sink);
          }
        });
  }
}
