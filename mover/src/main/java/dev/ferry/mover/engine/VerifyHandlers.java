package dev.ferry.mover.engine;

import dev.ferry.mover.task.BatchEntry;
import dev.ferry.mover.task.ChunkTask;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.FileKind;
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
 * Verify pass: presence, type, size and content of every entry (large files compared in parallel
 * chunks), symlink targets, device numbers; for non-directories also mode, owner (as root) and
 * mtime, as far as the copy preserves them. Entries only in the target are listed too. Changes
 * nothing.
 */
final class VerifyHandlers {
  private final PassContext ctx;

  VerifyHandlers(PassContext ctx) {
    this.ctx = ctx;
  }

  void directory(DirTask t, TaskSink sink) {
    RelPath rel = t.path();
    Path dst = ctx.target(rel);
    EntryStat existing;
    try {
      existing = PassContext.lstatOrNull(dst);
    } catch (IOException e) {
      sink.fail(rel, "cannot stat target: " + PassContext.reason(e));
      return;
    }
    if (existing == null) {
      sink.differ(rel, "missing in target");
      return;
    }
    if (existing.kind() != FileKind.DIRECTORY) {
      sink.differ(rel, "not a directory in target (" + existing.kind() + ")");
      return;
    }
    Set<Path> names = new HashSet<>();
    SourceLister.list(
        ctx,
        rel,
        new NameRecorder(sink, names),
        (child, stat) -> {
          names.add(child.name());
          sink.emit(new DirTask(ctx.scope, child, stat));
        },
        true);
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

  void batch(FileBatchTask b, TaskSink sink) {
    for (BatchEntry e : b.entries()) {
      RelPath rel = b.path().child(e.name());
      sink.working(rel);
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
      sink.differ(rel, "type differs: " + src.kind() + " in source, " + have.kind() + " in target");
      return;
    }
    metadata(rel, src, have, sink);
    switch (src.kind()) {
      case FILE -> content(rel, srcPath, dst, src, have, sink);
      case SYMLINK -> {
        if (!Files.readSymbolicLink(srcPath).equals(Files.readSymbolicLink(dst))) {
          sink.differ(rel, "symlink target differs");
        }
      }
      case CHAR_DEVICE, BLOCK_DEVICE -> {
        if (have.rdev() != src.rdev()) {
          sink.differ(rel, "device number differs");
        }
      }
      default -> {}
    }
  }

  private void metadata(RelPath rel, EntryStat src, EntryStat have, TaskSink sink) {
    if (ctx.cfg.preserves(Preserve.MODE)
        && src.kind() != FileKind.SYMLINK
        && have.permissions() != src.permissions()) {
      sink.differ(
          rel,
          String.format(
              "mode differs: %04o in source, %04o in target",
              src.permissions(), have.permissions()));
    }
    if (ctx.root
        && ctx.cfg.preserves(Preserve.OWNER)
        && (have.uid() != src.uid() || have.gid() != src.gid())) {
      sink.differ(rel, "owner differs");
    }
    boolean timesKept = src.kind() == FileKind.FILE || src.kind() == FileKind.SYMLINK;
    if (ctx.cfg.preserves(Preserve.TIMES) && timesKept && !MetadataWriter.sameMtime(have, src)) {
      sink.differ(rel, "mtime differs");
    }
  }

  private void content(
      RelPath rel, Path srcPath, Path dst, EntryStat src, EntryStat have, TaskSink sink)
      throws IOException {
    if (have.size() != src.size()) {
      sink.differ(rel, "size differs: " + src.size() + " in source, " + have.size() + " in target");
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
  private static final class NameRecorder implements TaskSink {
    private final TaskSink sink;
    private final Set<Path> names;

    NameRecorder(TaskSink sink, Set<Path> names) {
      this.sink = sink;
      this.names = names;
    }

    @Override
    public void emit(dev.ferry.mover.task.Task child) {
      if (child instanceof FileBatchTask b) {
        b.entries().forEach(e -> names.add(e.name()));
      }
      sink.emit(child);
    }

    @Override
    public void finish(dev.ferry.mover.task.Task after) {
      sink.finish(after);
    }

    @Override
    public void count(dev.ferry.mover.task.Counter counter, long delta) {
      sink.count(counter, delta);
    }

    @Override
    public void fail(RelPath path, String reason) {
      names.add(path.name()); // a source entry that exists but could not be read
      sink.fail(path, reason);
    }

    @Override
    public void differ(RelPath path, String what) {
      sink.differ(path, what);
    }
  }
}
