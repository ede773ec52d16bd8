package dev.ferry.mover.fs;

import dev.ferry.lustre.NativeFiles;
import dev.ferry.lustre.PosixCallException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Makes what a pass wrote under a target root durable: {@code syncfs(2)} of the root's filesystem
 * (every dirty page and the journal, then wait), once per pass or per group of tasks rather than an
 * {@code fsync} per file, which would cost more than copying a small file. It also reports a
 * writeback error the kernel saw since the last call (EIO, ENOSPC on a thin or remote target),
 * which a plain {@code close} never does. Without ferry's JNI library, coreutils' {@code sync -f}
 * makes the same call.
 */
public final class FilesystemSync {
  private FilesystemSync() {}

  /** Flushes the filesystem holding the directory {@code root}; throws when the kernel says no. */
  public static void flush(Path root) throws IOException {
    if (NativeFiles.available()) {
      try {
        NativeFiles.syncFilesystem(RawPaths.bytes(root));
      } catch (PosixCallException e) {
        throw PosixErrors.of(root, e.errno());
      }
      return;
    }
    runSyncCommand(root);
  }

  private static void runSyncCommand(Path root) throws IOException {
    Process p =
        new ProcessBuilder("sync", "-f", root.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("sync -f " + root + " failed");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while flushing " + root, e);
    }
  }
}
