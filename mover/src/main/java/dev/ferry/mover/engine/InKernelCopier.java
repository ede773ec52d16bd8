package dev.ferry.mover.engine;

import dev.ferry.lustre.KernelCopy;
import dev.ferry.mover.fs.PosixErrors;
import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Copies large byte ranges inside the kernel through {@link KernelCopy} ({@code copy_file_range},
 * data segments only when sparse), in steps so that progress is reported while a big range runs. On
 * this kind of machine user-space writes into fresh page cache were the bottleneck: 4 x 1 GiB took
 * twice as long as {@code cp -a} with the 1 MiB read/write loop of {@link ContentCopier}. Small
 * files stay on that loop: their channels are open already, and one read and one write cost less
 * than the extra opens and seeks.
 */
final class InKernelCopier {
  /** Ranges at least this long go through the kernel. */
  static final long MIN_LENGTH = 1 << 20;

  private static final long STEP = 64L << 20;
  private static final boolean AVAILABLE = loadable();

  private InKernelCopier() {}

  private static boolean loadable() {
    try {
      return KernelCopy.available();
    } catch (LinkageError e) {
      return false; // lustre-jni is not on the class path (an embedding that left it out)
    }
  }

  /** Whether a range of {@code length} bytes is copied here (else by {@link ContentCopier}). */
  static boolean suits(long length) {
    return AVAILABLE && length >= MIN_LENGTH;
  }

  /** Whether a new file of {@code size} bytes is copied whole by {@link #copyNew}. */
  static boolean suitsNew(long size) {
    return AVAILABLE && size < MIN_LENGTH;
  }

  /**
   * Creates {@code tmp} as a copy of the small file {@code src} and sets {@code meta} on it, all in
   * one native call on open descriptors; returns false when an xattr on either file left the
   * metadata to {@link MetadataWriter#applyNew}. Fails as {@code java.nio.file} would for the path
   * concerned ({@code FileAlreadyExistsException} for a leftover {@code tmp}).
   */
  static boolean copyNew(
      Path src, Path tmp, EntryStat stat, MetadataWriter.NewFile meta, boolean sparse)
      throws IOException {
    try {
      return KernelCopy.copyNew(
          RawPaths.bytes(src),
          RawPaths.bytes(tmp),
          stat.size(),
          sparse,
          meta.mode(),
          meta.uid(),
          meta.gid(),
          meta.times(),
          stat.atimeNanos(),
          stat.mtimeNanos(),
          meta.xattrs());
    } catch (KernelCopy.CopyFailure e) {
      throw switch (e.step()) {
        case SOURCE -> PosixErrors.of(src, e.errno());
        case TARGET, METADATA -> PosixErrors.of(tmp, e.errno());
        case COPY -> copying(tmp, e);
      };
    }
  }

  /** A failure while copying the data, reported by its reason alone, as the other steps are. */
  private static IOException copying(Path tmp, KernelCopy.CopyFailure e) {
    IOException x = new FileSystemException(tmp.toString(), null, e.getMessage());
    x.initCause(e);
    return x;
  }

  /**
   * Copies {@code [offset, offset + length)} from {@code src} into the existing {@code dst};
   * returns whether the last byte of the range was written (false: it ends in a skipped hole).
   */
  static boolean copy(Path src, Path dst, long offset, long length, boolean sparse, TaskSink sink)
      throws IOException {
    byte[] from = RawPaths.bytes(src);
    byte[] to = RawPaths.bytes(dst);
    boolean lastWritten = length == 0;
    long end = offset + length;
    for (long pos = offset; pos < end; pos += STEP) {
      long n = Math.min(STEP, end - pos);
      lastWritten = KernelCopy.copy(from, to, pos, n, sparse);
      sink.moved(n);
    }
    return lastWritten;
  }
}
