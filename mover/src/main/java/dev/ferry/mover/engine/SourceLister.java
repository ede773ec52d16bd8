package dev.ferry.mover.engine;

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
 * subdirectories handed to a callback, everything else gathered into file batches that are emitted
 * as they fill (so a huge directory is never held whole).
 */
final class SourceLister {
  /** Entries per batch. */
  static final int BATCH_ENTRIES = 128;

  /** Bytes per batch (small files); a batch is also closed at this many bytes of content. */
  static final long BATCH_BYTES = 32L << 20;

  /** Called for each subdirectory. */
  interface DirVisitor {
    void directory(RelPath rel, EntryStat stat);
  }

  private SourceLister() {}

  /**
   * Lists {@code dir}; returns false (after reporting the failure) when it could not be listed to
   * the end. {@code batches}: whether non-directories are emitted as file batches (else only
   * counted).
   */
  static boolean list(
      PassContext ctx, RelPath dir, TaskSink sink, DirVisitor onDir, boolean batches) {
    Path src = ctx.source(dir);
    List<BatchEntry> batch = new ArrayList<>();
    long bytes = 0;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(src)) {
      for (Path entry : stream) {
        Path name = entry.getFileName();
        RelPath rel = dir.child(name);
        if (ctx.filters.excluded(rel)) {
          sink.count(Counter.EXCLUDED, 1);
          continue;
        }
        EntryStat stat;
        try {
          stat = EntryStat.lstat(entry);
        } catch (IOException e) {
          sink.fail(rel, "cannot stat source: " + PassContext.reason(e));
          continue;
        }
        sink.count(Counter.SCANNED, 1);
        if (stat.kind() == FileKind.DIRECTORY) {
          onDir.directory(rel, stat);
        } else if (batches) {
          batch.add(new BatchEntry(name, stat));
          bytes += stat.size();
          if (batch.size() >= BATCH_ENTRIES || bytes >= BATCH_BYTES) {
            sink.emit(new FileBatchTask(ctx.scope, dir, batch));
            batch = new ArrayList<>();
            bytes = 0;
          }
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      Exception cause = e instanceof DirectoryIteratorException d ? d.getCause() : e;
      sink.fail(dir, "cannot list source directory: " + PassContext.reason(cause));
      flush(ctx, dir, batch, sink);
      return false;
    }
    flush(ctx, dir, batch, sink);
    return true;
  }

  private static void flush(PassContext ctx, RelPath dir, List<BatchEntry> batch, TaskSink sink) {
    if (!batch.isEmpty()) {
      sink.emit(new FileBatchTask(ctx.scope, dir, batch));
    }
  }
}
