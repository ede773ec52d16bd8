package dev.ferry.mover.engine;

import dev.ferry.mover.task.ChunkTask;
import dev.ferry.mover.task.CommitTask;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.SplitTask;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Copies one entry into place. The crash-safety rule: the final name only ever changes by a {@code
 * rename(2)} of a temporary file that already has all its bytes, mode, owner, xattrs and times; so
 * after a crash at any moment the final name holds either the old entry or the complete new one,
 * and a leftover temporary file has a name of its own (removed by the delete pass).
 */
final class FileCopier {
  private final PassContext ctx;
  private final boolean sparse;
  private final boolean plainCreate;

  FileCopier(PassContext ctx) {
    this.ctx = ctx;
    this.sparse = ctx.cfg.preserves(Preserve.SPARSE);
    this.plainCreate = ctx.creator.createsPlainFiles();
  }

  /** Whether the target entry already matches the source (type, size, mtime or content). */
  boolean upToDate(Path srcPath, EntryStat src, Path dst, EntryStat existing) throws IOException {
    if (existing == null || existing.kind() != src.kind()) {
      return false;
    }
    switch (src.kind()) {
      case FILE:
        if (existing.size() != src.size()) {
          return false;
        }
        if (ctx.cfg.checksum()) {
          return sameContent(srcPath, dst, src.size());
        }
        return ctx.meta.preservesTimes()
            ? existing.mtimeNanos() == src.mtimeNanos()
            : existing.mtimeNanos() >= src.mtimeNanos();
      case SYMLINK:
        return Files.readSymbolicLink(srcPath).equals(Files.readSymbolicLink(dst));
      case CHAR_DEVICE:
      case BLOCK_DEVICE:
        return existing.rdev() == src.rdev();
      default:
        return true;
    }
  }

  /** Copies a new or changed entry; a large regular file becomes chunk tasks if allowed. */
  void copy(
      RelPath rel,
      Path srcPath,
      Path dst,
      EntryStat src,
      EntryStat existing,
      boolean allowChunks,
      MetadataWriter.Owner created,
      TaskSink sink)
      throws IOException {
    if (existing != null && existing.kind() == FileKind.DIRECTORY) {
      TargetTree.remove(dst, rel, sink); // the source has a non-directory here now
    }
    switch (src.kind()) {
      case FILE:
        if (allowChunks && src.size() >= ctx.cfg.chunkThreshold()) {
          startChunks(rel, srcPath, dst, src, sink);
        } else {
          copyWhole(srcPath, dst, src, created, sink);
          sink.count(Counter.COPIED, 1);
        }
        return;
      case SYMLINK:
        copySymlink(srcPath, dst, src, created);
        break;
      default:
        copySpecial(rel, srcPath, dst, src);
        break;
    }
    sink.count(Counter.COPIED, 1);
  }

  /** Chunk pass work: copy one range; the chunk that completes the set finishes the file. */
  void chunk(ChunkTask c, TaskSink sink) throws IOException {
    Path srcPath = ctx.source(c.path());
    Path dst = ctx.target(c.path());
    Path tmp = temp(dst);
    if (InKernelCopier.suits(c.length())) {
      InKernelCopier.copy(srcPath, tmp, c.offset(), c.length(), sparse, sink);
    } else {
      try (FileChannel in =
              FileChannel.open(srcPath, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
          FileChannel out =
              FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        ContentCopier.copy(in, out, c.offset(), c.length(), sparse, sink);
      }
    }
    sink.count(Counter.BYTES, c.length());
    if (ctx.ledger.completes(c)) {
      finishFile(tmp, dst, srcPath, c.source(), MetadataWriter.Owner.UNKNOWN, true);
      sink.count(Counter.COPIED, 1);
    }
  }

  private void startChunks(RelPath rel, Path srcPath, Path dst, EntryStat src, TaskSink sink)
      throws IOException {
    Path tmp = temp(dst);
    try {
      ctx.creator.createFile(tmp, srcPath, src).close();
    } catch (FileAlreadyExistsException e) {
      // This job already started the file (a redelivered task): the chunks rewrite every byte.
    }
    if (ctx.ledger.commitsByTask()) {
      sink.emit(new SplitTask(ctx.scope, rel, src));
    } else {
      emitChunks(rel, src, sink);
    }
  }

  /** Distributed copy of one large file: its chunks, then its commit once they all succeeded. */
  void split(SplitTask s, TaskSink sink) {
    emitChunks(s.path(), s.source(), sink);
    sink.finish(new CommitTask(ctx.scope, s.path(), s.source()));
  }

  /**
   * Finishes a file whose chunks all succeeded. Runs again harmlessly: once an earlier delivery has
   * renamed the temporary file into place, the target already is the complete file.
   */
  void commit(CommitTask c, TaskSink sink) throws IOException {
    Path srcPath = ctx.source(c.path());
    Path dst = ctx.target(c.path());
    Path tmp = temp(dst);
    try {
      if (PassContext.lstatOrNull(tmp) != null) {
        finishFile(tmp, dst, srcPath, c.source(), MetadataWriter.Owner.UNKNOWN, true);
        sink.count(Counter.COPIED, 1);
        return;
      }
    } catch (NoSuchFileException e) {
      if (PassContext.lstatOrNull(tmp) != null) {
        throw e; // something else is missing (the source)
      }
      // A duplicate of this commit renamed the file between our look and our work.
    }
    if (!committed(dst, c.source())) {
      sink.fail(c.path(), "cannot commit: temporary file " + tmp.getFileName() + " is missing");
      return;
    }
    sink.count(Counter.COPIED, 1);
  }

  /** Whether an earlier run of the commit renamed the complete file into place. */
  private static boolean committed(Path dst, EntryStat src) throws IOException {
    EntryStat there = PassContext.lstatOrNull(dst);
    return there != null && there.kind() == FileKind.FILE && there.size() == src.size();
  }

  private void emitChunks(RelPath rel, EntryStat src, TaskSink sink) {
    long size = src.size();
    long chunk = ctx.cfg.chunkSize();
    int count = (int) ((size + chunk - 1) / chunk);
    for (int i = 0; i < count; i++) {
      long off = i * chunk;
      sink.emit(new ChunkTask(ctx.scope, rel, src, off, Math.min(chunk, size - off), i, count));
    }
  }

  private void copyWhole(
      Path srcPath, Path dst, EntryStat src, MetadataWriter.Owner created, TaskSink sink)
      throws IOException {
    rename(writeTemp(srcPath, dst, src, created, sink), dst);
  }

  /**
   * Writes a complete copy of a regular file under {@code dst}'s temporary name: all bytes, the
   * length, then the metadata, times last. Not renamed: the caller does that (see {@link
   * HardLinks}). Returns the temporary file; on failure it is removed.
   */
  Path writeTemp(Path srcPath, Path dst, EntryStat src, MetadataWriter.Owner created, TaskSink sink)
      throws IOException {
    Path tmp = temp(dst);
    boolean done = false;
    try {
      if (plainCreate && InKernelCopier.suitsNew(src.size())) {
        copyNew(srcPath, tmp, src, created);
        sink.moved(src.size());
        sink.count(Counter.BYTES, src.size());
        done = true;
        return tmp;
      }
      boolean full;
      if (InKernelCopier.suits(src.size())) {
        createTemp(tmp, srcPath, src).close();
        full = InKernelCopier.copy(srcPath, tmp, 0, src.size(), sparse, sink);
      } else {
        try (FileChannel in =
                FileChannel.open(srcPath, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            FileChannel out = createTemp(tmp, srcPath, src)) {
          full = ContentCopier.copy(in, out, 0, src.size(), sparse, sink);
        }
      }
      sink.count(Counter.BYTES, src.size());
      completeTemp(tmp, srcPath, src, created, !full);
      done = true;
      return tmp;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** A small file in one native call; see {@link InKernelCopier#copyNew}. */
  private void copyNew(Path srcPath, Path tmp, EntryStat src, MetadataWriter.Owner created)
      throws IOException {
    MetadataWriter.NewFile meta = ctx.meta.newFile(src, created);
    boolean set =
        replacingLeftover(tmp, () -> InKernelCopier.copyNew(srcPath, tmp, src, meta, sparse));
    if (!set) {
      ctx.meta.applyNew(tmp, srcPath, src, created);
    }
  }

  private FileChannel createTemp(Path tmp, Path srcPath, EntryStat src) throws IOException {
    return replacingLeftover(tmp, () -> ctx.creator.createFile(tmp, srcPath, src));
  }

  /** Something that creates {@code tmp}, failing with FileAlreadyExistsException if it exists. */
  private interface Creation<T> {
    T create() throws IOException;
  }

  /** Runs {@code creation}; when the temporary name is taken, removes it and runs it once more. */
  private static <T> T replacingLeftover(Path tmp, Creation<T> creation) throws IOException {
    try {
      return creation.create();
    } catch (FileAlreadyExistsException e) {
      Files.delete(tmp); // this job's own leftover of an earlier failed attempt
      return creation.create();
    }
  }

  /** Final length, metadata, then the rename that makes the file visible under its name. */
  private void finishFile(
      Path tmp,
      Path dst,
      Path srcPath,
      EntryStat src,
      MetadataWriter.Owner created,
      boolean mayEndInHole)
      throws IOException {
    completeTemp(tmp, srcPath, src, created, mayEndInHole);
    rename(tmp, dst);
  }

  private void completeTemp(
      Path tmp, Path srcPath, EntryStat src, MetadataWriter.Owner created, boolean mayEndInHole)
      throws IOException {
    if (mayEndInHole && Files.size(tmp) != src.size()) {
      // The file ends in a hole that was not written: extend it (ftruncate keeps the hole).
      try (RandomAccessFile raf = new RandomAccessFile(tmp.toFile(), "rw")) {
        raf.setLength(src.size());
      }
    }
    ctx.meta.applyNew(tmp, srcPath, src, created);
  }

  private void copySymlink(Path srcPath, Path dst, EntryStat src, MetadataWriter.Owner created)
      throws IOException {
    Path target = Files.readSymbolicLink(srcPath);
    Path tmp = temp(dst);
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, target);
    ctx.meta.applyNew(tmp, srcPath, src, created);
    rename(tmp, dst);
  }

  /** FIFOs and devices are made under an ASCII name in the target root, then renamed. */
  private void copySpecial(RelPath rel, Path srcPath, Path dst, EntryStat src) throws IOException {
    Path tmp = ctx.targetRoot().resolve(TempNames.of(ctx.scope.jobId(), rel.path()));
    Files.deleteIfExists(tmp);
    SpecialFiles.create(tmp, src);
    try {
      ctx.meta.applyNew(tmp, srcPath, src, MetadataWriter.Owner.UNKNOWN);
      rename(tmp, dst);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private boolean sameContent(Path a, Path b, long size) throws IOException {
    try (FileChannel ca = FileChannel.open(a, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        FileChannel cb = FileChannel.open(b, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return ContentCopier.same(ca, cb, 0, size, NO_PROGRESS);
    }
  }

  Path temp(Path dst) {
    return dst.resolveSibling(TempNames.of(ctx.scope.jobId(), dst.getFileName()));
  }

  static void rename(Path tmp, Path dst) throws IOException {
    Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces a file or symlink
  }

  private static final TaskSinkNoOp NO_PROGRESS = new TaskSinkNoOp();
}
