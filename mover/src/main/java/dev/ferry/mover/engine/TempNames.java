package dev.ferry.mover.engine;

import dev.ferry.mover.fs.RawPaths;
import java.nio.file.Path;

/**
 * Temporary names for files being written: {@code .ferry-<job>-<hash>.tmp}, the hash (64-bit FNV-1a
 * of the final name's bytes) making it deterministic within a job, so every chunk task of a file
 * opens the same temporary file, and the job id making it new in every run, so a crashed run's
 * leftover is never reused (the delete pass removes it: it is absent from the source).
 */
final class TempNames {
  static final String PREFIX = ".ferry-";

  /**
   * The job ids ferry makes, as a regular expression: 8 hex digits (embedded runs), or {@code
   * yyyyMMdd-HHmmss-<6 hex>} with an optional {@code -<pass>} (distributed jobs).
   */
  static final String JOB = "(?:[0-9a-f]{8}|[0-9]{8}-[0-9]{6}-[0-9a-f]{6}(?:-[a-z]+)?)";

  private TempNames() {}

  static Path of(String jobId, Path finalName) {
    long h = 0xcbf29ce484222325L;
    for (byte b : RawPaths.bytes(finalName)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return Path.of(PREFIX + jobId + "-" + String.format("%016x", h) + ".tmp");
  }
}
