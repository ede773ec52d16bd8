package dev.ferry.mover.engine;

import dev.ferry.mover.task.BatchEntry;
import dev.ferry.mover.task.ChunkTask;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.FileKind;
import dev.ferry.mover.task.ForwardingSink;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Verify pass: for every entry the copy pass would handle under the same flags and excludes, its
 * presence, type, size and content (large files compared in parallel chunks), and the metadata the
 * copy preserves ({@link VerifyMetadata}, directories included), and the hard-link structure
 * ({@link VerifyLinks}). Entries only in the target are listed too. One difference per line. Reads
 * only: never writes, never follows a link.
 */
final class VerifyHandlers {
  private final PassContext ctx;
  private final VerifyMetadata metadata;

  /** Source inodes with names still to check that verify remembers (about 100 bytes each). */
  private static final int LINK_TABLE_LIMIT = 200_000;

  private final VerifyLinks links = new VerifyLinks(LINK_TABLE_LIMIT);

  VerifyHandlers(PassContext ctx) {
    this.ctx = ctx;
    this.metadata = new VerifyMetadata(ctx.cfg, ctx.meta.xattrs());
  }

  void directory(DirTask t, TaskSink sink) {
    RelPath rel = t.path();
    if (!directoryItself(t, sink)) {
      return;
    }
    Path dst = ctx.target(rel);
    Set<Path> names = new HashSet<>();
    NameRecorder recorder = new NameRecorder(sink, names);
    SourceLister.list(
        ctx,
        rel,
        recorder,
        (child, stat) -> {
          names.add(child.name());
          sink.emit(new DirTask(ctx.scope, child, stat));
        },
        recorder::emit);
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dst)) {
      for (Path entry : stream) {
        Path name = entry.getFileName();
        RelPath child = rel.child(name);
        if (!names.contains(name) && !ctx.filters.excluded(child)) {
          sink.differ(child, "only in target");
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      sink.fail(rel, "cannot list target directory");
    }
  }

  /**
   * Compares the directory itself (its metadata); returns whether the target is a real directory to
   * look into.
   */
  private boolean directoryItself(DirTask t, TaskSink sink) {
    RelPath rel = t.path();
    Path dst = ctx.target(rel);
    Path source = ctx.source(rel);
    try {
      EntryStat have = PassContext.lstatOrNull(dst);
      if (have == null) {
        sink.differ(rel, "missing in target");
        return false;
      }
      if (have.kind() != FileKind.DIRECTORY) {
        sink.differ(rel, "type " + kind(FileKind.DIRECTORY) + " != " + kind(have.kind()));
        return false;
      }
      EntryStat src = t.source() != null ? t.source() : EntryStat.lstat(source.toRealPath());
      metadata.compare(rel, source, dst, src, have, sink);
      return true;
    } catch (IOException e) {
      sink.fail(rel, "cannot compare directory: " + PassContext.reason(e));
      return Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS);
    }
  }

  void batch(FileBatchTask b, TaskSink sink) {
    for (BatchEntry e : b.entries()) {
      RelPath rel = b.path().child(e.name());
      sink.working(rel);
      if (CopyBatchHandler.skipReason(ctx, e.source()) != null) {
        sink.count(Counter.SKIPPED, 1); // the copy pass leaves it alone: nothing to compare
        continue;
      }
      try {
        entry(rel, e.source(), sink);
      } catch (IOException ex) {
        sink.fail(rel, PassContext.reason(ex));
      }
    }
  }

  void chunk(ChunkTask c, TaskSink sink) {
    try (FileChannel a = open(ctx.source(c.path()));
        FileChannel b = open(ctx.target(c.path()))) {
      if (!ContentCopier.same(a, b, c.offset(), c.length(), sink)) {
        sink.differ(
            c.path(), "content differs in bytes " + c.offset() + ".." + (c.offset() + c.length()));
      }
    } catch (IOException e) {
      sink.fail(c.path(), PassContext.reason(e));
    }
  }

  private void entry(RelPath rel, EntryStat src, TaskSink sink) throws IOException {
    Path srcPath = ctx.source(rel);
    Path dst = ctx.target(rel);
    EntryStat have = PassContext.lstatOrNull(dst);
    if (have == null) {
      sink.differ(rel, "missing in target");
      return;
    }
    if (have.kind() != src.kind()) {
      sink.differ(rel, "type " + kind(src.kind()) + " != " + kind(have.kind()));
      return;
    }
    if (src.kind() == FileKind.FILE) {
      content(rel, srcPath, dst, src, have, sink);
    }
    metadata.compare(rel, srcPath, dst, src, have, sink);
    if (src.kind() == FileKind.FILE && ctx.cfg.preserves(Preserve.HARD_LINKS)) {
      String linked = links.check(rel, src, have);
      if (linked != null) {
        sink.differ(rel, linked);
      }
    }
  }

  /** A kind as people say it: {@code file}, {@code char device}. */
  private static String kind(FileKind k) {
    return k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private void content(
      RelPath rel, Path srcPath, Path dst, EntryStat src, EntryStat have, TaskSink sink)
      throws IOException {
    if (have.size() != src.size()) {
      sink.differ(rel, "size " + src.size() + " != " + have.size());
      return;
    }
    long size = src.size();
    if (size >= ctx.cfg.chunkThreshold()) {
      long chunk = ctx.cfg.chunkSize();
      int count = (int) ((size + chunk - 1) / chunk);
      for (int i = 0; i < count; i++) {
        long off = i * chunk;
        sink.emit(new ChunkTask(ctx.scope, rel, src, off, Math.min(chunk, size - off), i, count));
      }
      return;
    }
    try (FileChannel a = open(srcPath);
        FileChannel b = open(dst)) {
      if (!ContentCopier.same(a, b, 0, size, sink)) {
        sink.differ(rel, "content differs");
      }
    }
  }

  private static FileChannel open(Path p) throws IOException {
    return FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
  }

  /** Passes everything on and remembers the names the source listing produced. */
  private static final class NameRecorder extends ForwardingSink {
    private final Set<Path> names;

    NameRecorder(TaskSink sink, Set<Path> names) {
      super(sink);
      this.names = names;
    }

    @Override
    public void emit(dev.ferry.mover.task.Task child) {
      if (child instanceof FileBatchTask b) {
        b.entries().forEach(e -> names.add(e.name()));
      }
      super.emit(child);
    }

    @Override
    public void fail(RelPath path, String reason) {
      names.add(path.name()); // a source entry that exists but could not be read
      super.fail(path, reason);
    }
  }
}
