package dev.ferry.mover.engine;

import dev.ferry.mover.task.BatchEntry;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.FileKind;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Copy pass, one batch of non-directories: skip what is up to date, copy the rest. Every write goes
 * to a temporary name in the (checked) target directory and is renamed over the final name only
 * when complete, metadata included; see {@link FileCopier}.
 */
final class CopyBatchHandler {
  private final PassContext ctx;
  private final FileCopier copier;
  private final HardLinks links;

  CopyBatchHandler(PassContext ctx, FileCopier copier) {
    this.ctx = ctx;
    this.copier = copier;
    this.links = new HardLinks(ctx, copier);
  }

  void handle(FileBatchTask b, TaskSink sink) {
    try (InterleavedChunks chunks = new InterleavedChunks(sink)) {
      copy(b, chunks);
    }
  }

  private void copy(FileBatchTask b, TaskSink sink) {
    Path dstDir = ctx.target(b.path());
    EntryStat dir = null;
    try {
      dir = PassContext.lstatOrNull(dstDir);
    } catch (IOException e) {
      // reported per entry below
    }
    boolean dirOk = dir != null && dir.kind() == FileKind.DIRECTORY;
    // What the kernel makes a new entry's owner: our euid, and the directory's group if it has
    // the setgid bit, else our egid.
    MetadataWriter.Owner created =
        dirOk
            ? new MetadataWriter.Owner(
                ctx.self.uid(), (dir.permissions() & 02000) != 0 ? dir.gid() : ctx.self.gid())
            : MetadataWriter.Owner.UNKNOWN;
    try (TargetDir targets = TargetDir.open(dstDir, dirOk && SourceLister.NATIVE)) {
      for (BatchEntry e : b.entries()) {
        RelPath rel = b.path().child(e.name());
        sink.working(rel);
        if (!dirOk) {
          if (ctx.cfg.dryRun()) {
            sink.differ(rel, "would copy");
          } else {
            sink.fail(rel, "target directory is missing or not a real directory");
          }
          continue;
        }
        try {
          entry(rel, e, dstDir, dir.dev(), targets, created, sink);
        } catch (IOException | UncheckedIOException ex) {
          sink.fail(rel, PassContext.reason(ex));
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          sink.fail(rel, "interrupted");
          return;
        }
      }
    }
  }

  private void entry(
      RelPath rel,
      BatchEntry e,
      Path dstDir,
      long dstDev,
      TargetDir targets,
      MetadataWriter.Owner created,
      TaskSink sink)
      throws IOException, InterruptedException {
    EntryStat src = e.source();
    String skip = skipReason(ctx, src);
    if (skip != null) {
      sink.count(Counter.SKIPPED, 1);
      return;
    }
    if (ctx.links.reserved(rel)) {
      sink.fail(rel, "name reserved for this job's hard-link staging directory");
      return;
    }
    Path srcPath = ctx.source(rel);
    Path dst = dstDir.resolve(e.name());
    if (src.kind() == FileKind.FILE
        && src.nlink() > 1
        && ctx.cfg.preserves(Preserve.HARD_LINKS)
        && ctx.links.reaches(dstDev)) {
      links.copy(rel, srcPath, dst, src, created, sink);
      return;
    }
    EntryStat existing = targets.lstatOrNull(e.name(), dst);
    if (!sharedByOthers(existing) && copier.upToDate(srcPath, src, dst, existing)) {
      if (!ctx.cfg.dryRun()) {
        ctx.meta.apply(dst, srcPath, src, existing, MetadataWriter.xattrsMayDiffer(src, existing));
      }
      sink.count(Counter.SKIPPED, 1);
      return;
    }
    if (ctx.cfg.dryRun()) {
      sink.differ(rel, wouldWrite(existing));
      return;
    }
    copier.copy(rel, srcPath, dst, src, existing, true, created, sink);
  }

  /**
   * What a dry run says about a file it would write over {@code existing}. A directory in its place
   * is removed with all it holds, which the operator looking first must be told.
   */
  static String wouldWrite(EntryStat existing) {
    if (existing == null) {
      return "would copy";
    }
    return existing.kind() == FileKind.DIRECTORY
        ? "would replace a directory, deleting what it holds"
        : "would update";
  }

  /**
   * A target file with other names, where the source file has none that ferry links: those names
   * are other files in the source (or gone from it), so the file is copied again as its own inode.
   */
  private static boolean sharedByOthers(EntryStat existing) {
    return existing != null && existing.kind() == FileKind.FILE && existing.nlink() > 1;
  }

  /** Why the copy pass leaves this non-directory alone, or null; verify skips the same. */
  static String skipReason(PassContext ctx, EntryStat src) {
    FileKind k = src.kind();
    if (k == FileKind.SOCKET) {
      return "socket";
    }
    if (k == FileKind.SYMLINK && !ctx.cfg.preserves(Preserve.SYMLINKS)) {
      return "symlink";
    }
    boolean device = k == FileKind.CHAR_DEVICE || k == FileKind.BLOCK_DEVICE;
    if ((k == FileKind.FIFO || device) && !ctx.cfg.preserves(Preserve.SPECIAL)) {
      return "special file";
    }
    if (device && !ctx.root) {
      return "device node (needs root)";
    }
    if (k == FileKind.FILE) {
      return ctx.filters.skippedByAge(src);
    }
    return null;
  }
}
