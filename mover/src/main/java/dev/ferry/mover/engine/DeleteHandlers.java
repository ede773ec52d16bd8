package dev.ferry.mover.engine;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.DeleteTask;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Delete pass. A target entry is removed only when {@code lstat} of its source twin fails with
 * ENOENT, checked when listing and again just before removing; any other error keeps it. A
 * directory whose source listing fails is skipped with everything below it. Excluded entries are
 * never removed. Nothing is followed: a symlink is removed as a link.
 */
final class DeleteHandlers {
  private final PassContext ctx;

  DeleteHandlers(PassContext ctx) {
    this.ctx = ctx;
  }

  void directory(DirTask t, TaskSink sink) {
    RelPath rel = t.path();
    Path src = ctx.source(rel);
    Path dst = ctx.target(rel);
    if (!Files.isDirectory(dst, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> probe = Files.newDirectoryStream(src)) {
      probe.iterator().hasNext();
    } catch (IOException | DirectoryIteratorException e) {
      sink.fail(rel, "source listing failed, nothing below is deleted: " + reason(e));
      return;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dst)) {
      for (Path entry : stream) {
        Path name = entry.getFileName();
        RelPath child = rel.child(name);
        if (ctx.filters.excluded(child)) {
          sink.count(Counter.EXCLUDED, 1);
          continue;
        }
        sink.count(Counter.SCANNED, 1);
        entry(child, src.resolve(name), entry, sink);
      }
    } catch (IOException | DirectoryIteratorException e) {
      sink.fail(rel, "cannot list target directory: " + reason(e));
    }
  }

  private void entry(RelPath child, Path srcChild, Path dstChild, TaskSink sink) {
    EntryStat srcStat;
    try {
      srcStat = EntryStat.lstat(srcChild);
    } catch (NoSuchFileException e) {
      if (ctx.cfg.dryRun()) {
        sink.differ(child, "would delete");
      } else {
        sink.emit(new DeleteTask(ctx.scope, child));
      }
      return;
    } catch (IOException e) {
      sink.fail(child, "cannot check the source, not deleted: " + reason(e));
      return;
    }
    if (srcStat.kind() == FileKind.DIRECTORY
        && Files.isDirectory(dstChild, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      sink.emit(new DirTask(ctx.scope, child, srcStat));
    }
  }

  void delete(DeleteTask t, TaskSink sink) {
    RelPath rel = t.path();
    try {
      EntryStat.lstat(ctx.source(rel));
      sink.count(Counter.SKIPPED, 1); // it has appeared in the source since the listing
      return;
    } catch (NoSuchFileException e) {
      // definitely absent: go on
    } catch (IOException e) {
      sink.fail(rel, "cannot check the source, not deleted: " + reason(e));
      return;
    }
    try {
      TargetTree.remove(ctx.target(rel), rel, sink);
    } catch (IOException e) {
      sink.fail(rel, "cannot delete: " + reason(e));
    }
  }

  private static String reason(Exception e) {
    Exception cause = e instanceof DirectoryIteratorException d ? d.getCause() : e;
    return PassContext.reason(cause);
  }
}
