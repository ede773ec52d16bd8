package dev.ferry.mover.engine;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One name of a multiply linked source file, made exact across any number of threads, processes and
 * nodes with no table in memory: the source inode's staging entry ({@link LinkStaging}) in the
 * target filesystem is the target inode every name of it becomes.
 *
 * <p>A name (1) whose target is up to date and has as many links as the source inode is done: all
 * names already share it (or all but one plus the staging entry). Otherwise, (2) if the staging
 * entry does not exist, it is made with {@code link(2)}: of this name's target when that is up to
 * date and has fewer links than the source (an earlier run's inode, kept), else of a complete new
 * copy, renamed into place first; {@code link(2)} failing with EEXIST means another name won the
 * race, and its inode is used. (3) The name is made that inode: the staging entry is linked to the
 * temporary name, renamed over the final name. Once the inode has one link more than the source
 * (every name plus the staging entry), the entry is released.
 *
 * <p>Every step is idempotent and every final name only changes by {@code rename(2)} of a complete
 * inode, so a worker killed at any point leaves either the old name or the staged inode, and the
 * task's rerun goes on from there. A target inode with more links than the source is never reused:
 * its other names may be other source files.
 */
final class HardLinks {
  /** The staging entry can vanish under a late duplicate; a few rounds settle it. */
  private static final int ROUNDS = 3;

  private final PassContext ctx;
  private final FileCopier copier;

  HardLinks(PassContext ctx, FileCopier copier) {
    this.ctx = ctx;
    this.copier = copier;
  }

  void copy(
      RelPath rel,
      Path srcPath,
      Path dst,
      EntryStat src,
      MetadataWriter.Owner created,
      TaskSink sink)
      throws IOException {
    EntryStat existing = PassContext.lstatOrNull(dst);
    // With --checksum, reading content is the cost: every name goes through the staging entry,
    // so only the name that stages an inode compares it, the others compare inode numbers.
    boolean counted = existing != null && existing.nlink() == src.nlink() && !ctx.cfg.checksum();
    if (counted && copier.upToDate(srcPath, src, dst, existing)) {
      if (!ctx.cfg.dryRun()) {
        ctx.meta.apply(dst, srcPath, src, existing, MetadataWriter.xattrsMayDiffer(src, existing));
      }
      sink.count(Counter.SKIPPED, 1);
      return;
    }
    if (ctx.cfg.dryRun()) {
      boolean upToDate = copier.upToDate(srcPath, src, dst, existing);
      String what =
          existing != null && upToDate ? "would link" : CopyBatchHandler.wouldWrite(existing);
      sink.differ(rel, what);
      return;
    }
    if (existing != null && existing.kind() == FileKind.DIRECTORY) {
      TargetTree.remove(dst, rel, sink); // the source has a file here now
      existing = null;
    }
    Path entry = ctx.links.entry(src);
    for (int round = 1; ; round++) {
      Counter done = place(srcPath, dst, src, existing, entry, created, sink);
      if (done != null) {
        sink.count(done, 1);
        return;
      }
      if (round == ROUNDS) {
        throw new IOException("the hard-link staging entry keeps vanishing");
      }
      existing = PassContext.lstatOrNull(dst);
    }
  }

  /** One round: what happened to the name, or null when the staging entry vanished meanwhile. */
  private Counter place(
      Path srcPath,
      Path dst,
      EntryStat src,
      EntryStat existing,
      Path entry,
      MetadataWriter.Owner created,
      TaskSink sink)
      throws IOException {
    EntryStat staged = PassContext.lstatOrNull(entry);
    if (staged == null) {
      if (stage(srcPath, dst, src, entry, created, sink)) {
        return Counter.COPIED;
      }
      staged = PassContext.lstatOrNull(entry);
      existing = PassContext.lstatOrNull(dst);
      if (staged == null) {
        return null;
      }
    }
    if (existing != null && existing.dev() == staged.dev() && existing.ino() == staged.ino()) {
      releaseIfComplete(entry, staged.nlink(), src);
      return Counter.SKIPPED;
    }
    Path tmp = copier.temp(dst);
    EntryStat left = PassContext.lstatOrNull(tmp);
    // A killed run's link of the staged inode may be the only way left to it: the entry can be
    // released at any moment, counting that link as a name, so it is renamed, never replaced.
    if (left == null || left.dev() != staged.dev() || left.ino() != staged.ino()) {
      Files.deleteIfExists(tmp);
      try {
        Files.createLink(tmp, entry);
      } catch (NoSuchFileException e) {
        return null;
      }
    }
    moveOnto(tmp, dst);
    releaseIfComplete(entry, EntryStat.lstat(dst).nlink(), src);
    return Counter.LINKED;
  }

  /**
   * Makes the staging entry, which does not exist. True when it is this name's new copy (in place
   * under the final name); false when it is another inode: this name's kept target, or another
   * name's that won the race, or the one a killed run of this task left under the temporary name.
   */
  private boolean stage(
      Path srcPath,
      Path dst,
      EntryStat src,
      Path entry,
      MetadataWriter.Owner created,
      TaskSink sink)
      throws IOException {
    Path tmp = copier.temp(dst);
    EntryStat left = PassContext.lstatOrNull(tmp);
    if (left != null && left.kind() == FileKind.FILE && left.nlink() > 1) {
      // Only a link of the staged inode gives this job's temporary name a second link: a killed
      // run linked it and did not rename it (and the entry was released as complete meanwhile).
      ctx.links.publish(tmp, entry);
      return false;
    }
    EntryStat existing = PassContext.lstatOrNull(dst);
    if (existing != null && copier.upToDate(srcPath, src, dst, existing)) {
      if (existing.nlink() > src.nlink()) {
        // One link too many may be a staging entry made or released since the entry was found
        // missing; only an inode whose extra names stay is another file's.
        if (PassContext.lstatOrNull(entry) != null) {
          return false;
        }
        existing = PassContext.lstatOrNull(dst);
      }
      if (existing != null && existing.nlink() <= src.nlink()) {
        ctx.meta.apply(dst, srcPath, src, existing, MetadataWriter.xattrsMayDiffer(src, existing));
        ctx.links.publish(dst, entry);
        return false;
      }
    }
    // Renamed before it is published, so that a killed run never leaves an extra link behind.
    FileCopier.rename(copier.writeTemp(srcPath, dst, src, created, sink), dst);
    return ctx.links.publish(dst, entry);
  }

  /**
   * Renames a new name of the staged inode over the final name. When the final name already is that
   * inode (a duplicate task linked it meanwhile), rename(2) does nothing and leaves the temporary
   * name, so it is removed.
   */
  private static void moveOnto(Path tmp, Path dst) throws IOException {
    FileCopier.rename(tmp, dst);
    Files.deleteIfExists(tmp);
  }

  /**
   * Releases the entry once the inode has a link more than the source (all names, plus the entry).
   * A link count inflated by a leftover temporary name (a killed run's) may release it one name
   * early: that name's rerun finds its leftover ({@link #stage}). An entry left behind is removed
   * with the staging directory.
   */
  private void releaseIfComplete(Path entry, int links, EntryStat src) throws IOException {
    // With --checksum the entry is kept to the end: a released entry would make the next name of a
    // fully linked inode compare its content again.
    if (links > src.nlink() && !ctx.cfg.checksum()) {
      ctx.links.release(entry);
    }
  }
}
