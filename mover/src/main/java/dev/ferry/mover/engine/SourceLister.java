package dev.ferry.mover.engine;

import dev.ferry.lustre.DirScan;
import dev.ferry.mover.fs.PosixErrors;
import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.BatchEntry;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.FileKind;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists one source directory: one {@code lstat} per entry, excluded entries left out,
 * subdirectories handed to a callback, everything else gathered into file batches that are handed
 * on as they fill (so a huge directory is never held whole), and the last one, which did not fill,
 * once the listing ended.
 *
 * <p>Two ways, same results: ferry's JNI library lists the directory and stats its entries in C
 * ({@link DirScan}: {@code readdir} plus {@code fstatat} relative to the directory, up to 256
 * entries per call), which costs a fraction of the Java way, {@code DirectoryStream} plus one
 * {@code lstat} through {@code java.nio.file} per entry (a JNI call, a path and an attribute object
 * each). The Java way is used when the library did not load.
 */
final class SourceLister {
  /** Entries per batch. */
  static final int BATCH_ENTRIES = 128;

  /** Bytes per batch (small files); a batch is also closed at this many bytes of content. */
  static final long BATCH_BYTES = 32L << 20;

  /** Whether directories are listed through ferry's JNI library. */
  static final boolean NATIVE = nativeScan();

  /** Called for each subdirectory. */
  interface DirVisitor {
    void directory(RelPath rel, EntryStat stat);
  }

  /** Where a listing's file batches go. */
  @FunctionalInterface
  interface Batches {
    /** A batch that filled up: {@link #BATCH_ENTRIES} entries or {@link #BATCH_BYTES} bytes. */
    void full(FileBatchTask batch);

    /**
     * The batch left when the listing ended (not full, not empty; at most one per listing, also
     * after a listing that failed part way). By default handled like a full one.
     */
    default void last(FileBatchTask batch) {
      full(batch);
    }
  }

  private final PassContext ctx;
  private final RelPath dir;
  private final TaskSink sink;
  private final DirVisitor onDir;
  private final Batches batches;
  private List<BatchEntry> batch = new ArrayList<>();
  private long bytes;

  /**
   * Files large enough to be chunked, in batches of their own: a batch then holds a directory's
   * large files together and hands their chunks out across them ({@link InterleavedChunks}); among
   * small files, each would fill a batch alone (32 MiB).
   */
  private List<BatchEntry> large = new ArrayList<>();

  private SourceLister(
      PassContext ctx, RelPath dir, TaskSink sink, DirVisitor onDir, Batches batches) {
    this.ctx = ctx;
    this.dir = dir;
    this.sink = sink;
    this.onDir = onDir;
    this.batches = batches;
  }

  /**
   * Lists {@code dir}; returns false (after reporting the failure) when it could not be listed to
   * the end. {@code batches}: where non-directories go in file batches; null when they are only
   * counted.
   */
  static boolean list(
      PassContext ctx, RelPath dir, TaskSink sink, DirVisitor onDir, Batches batches) {
    return list(ctx, dir, sink, onDir, batches, NATIVE);
  }

  /** As above; {@code nativeScan} chooses the way (tests compare both). */
  static boolean list(
      PassContext ctx,
      RelPath dir,
      TaskSink sink,
      DirVisitor onDir,
      Batches batches,
      boolean nativeScan) {
    SourceLister l = new SourceLister(ctx, dir, sink, onDir, batches);
    Path src = ctx.source(dir);
    boolean complete;
    try {
      if (nativeScan) {
        l.listNative(src);
      } else {
        l.listJava(src);
      }
      complete = true;
    } catch (IOException | DirectoryIteratorException e) {
      Exception cause = e instanceof DirectoryIteratorException d ? d.getCause() : e;
      sink.fail(dir, "cannot list source directory: " + PassContext.reason(cause));
      complete = false;
    }
    l.flush();
    return complete;
  }

  private void listJava(Path src) throws IOException {
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(src)) {
      for (Path entry : stream) {
        Path name = entry.getFileName();
        RelPath rel = dir.child(name);
        if (excluded(rel)) {
          continue;
        }
        EntryStat stat;
        try {
          stat = EntryStat.lstat(entry);
        } catch (IOException e) {
          sink.fail(rel, "cannot stat source: " + PassContext.reason(e));
          continue;
        }
        accept(rel, name, stat);
      }
    }
  }

  private void listNative(Path src) throws IOException {
    DirScan scan;
    try {
      scan = DirScan.open(RawPaths.bytes(src));
    } catch (dev.ferry.lustre.PosixCallException e) {
      throw PosixErrors.ofDirectory(src, e.errno());
    }
    try (scan) {
      for (int n = next(scan, src); n > 0; n = next(scan, src)) {
        for (int i = 0; i < n; i++) {
          Path name = RawPaths.path(scan.name(i));
          RelPath rel = dir.child(name);
          if (excluded(rel)) {
            continue;
          }
          int errno = (int) scan.stat(i, DirScan.F_ERRNO);
          if (errno != 0) {
            IOException e = PosixErrors.of(src.resolve(name), errno);
            sink.fail(rel, "cannot stat source: " + PassContext.reason(e));
            continue;
          }
          accept(rel, name, stat(scan, i));
        }
      }
    }
  }

  private static int next(DirScan scan, Path src) throws IOException {
    try {
      return scan.next();
    } catch (dev.ferry.lustre.PosixCallException e) {
      throw PosixErrors.of(src, e.errno());
    }
  }

  static EntryStat stat(DirScan s, int i) {
    return new EntryStat(
        (int) s.stat(i, DirScan.F_MODE),
        s.stat(i, DirScan.F_SIZE),
        s.stat(i, DirScan.F_MTIME_NS),
        s.stat(i, DirScan.F_ATIME_NS),
        (int) s.stat(i, DirScan.F_UID),
        (int) s.stat(i, DirScan.F_GID),
        s.stat(i, DirScan.F_DEV),
        s.stat(i, DirScan.F_INO),
        (int) s.stat(i, DirScan.F_NLINK),
        s.stat(i, DirScan.F_RDEV),
        s.stat(i, DirScan.F_CTIME_NS));
  }

  private boolean excluded(RelPath rel) {
    if (ctx.filters.excluded(rel)) {
      sink.count(Counter.EXCLUDED, 1);
      return true;
    }
    return false;
  }

  private void accept(RelPath rel, Path name, EntryStat stat) {
    sink.count(Counter.SCANNED, 1);
    if (stat.kind() == FileKind.DIRECTORY) {
      onDir.directory(rel, stat);
    } else if (batches != null) {
      batch(new BatchEntry(name, stat));
    }
  }

  private void batch(BatchEntry e) {
    if (e.source().kind() == FileKind.FILE && e.source().size() >= ctx.cfg.chunkThreshold()) {
      large.add(e);
      if (large.size() >= BATCH_ENTRIES) {
        batches.full(new FileBatchTask(ctx.scope, dir, large));
        large = new ArrayList<>();
      }
      return;
    }
    batch.add(e);
    bytes += e.source().size();
    if (batch.size() >= BATCH_ENTRIES || bytes >= BATCH_BYTES) {
      batches.full(new FileBatchTask(ctx.scope, dir, batch));
      batch = new ArrayList<>();
      bytes = 0;
    }
  }

  private void flush() {
    if (!large.isEmpty()) {
      batches.full(new FileBatchTask(ctx.scope, dir, large));
    }
    if (!batch.isEmpty()) {
      batches.last(new FileBatchTask(ctx.scope, dir, batch));
    }
  }

  private static boolean nativeScan() {
    try {
      return DirScan.available() && RawPaths.direct();
    } catch (LinkageError e) {
      return false; // lustre-jni is not on the class path (an embedding that left it out)
    }
  }
}
