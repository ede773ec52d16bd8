package dev.ferry.mover.engine;

import dev.ferry.mover.task.Pass;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one run of the mover needs, validated. Built by the command line; the engine never
 * looks at flags, the environment or globals.
 *
 * @param command the name to print ({@code copy}, {@code sync}, ...)
 * @param passes the passes to run, in order
 * @param source the source root (a directory)
 * @param target the target root (created if missing by a copy)
 * @param threads worker threads
 * @param dryRun report what would change, change nothing
 * @param skipAtimeOlder skip files not accessed within this long; null: no filter
 * @param skipMtimeNewer skip files modified within this long; null: no filter
 * @param excludes glob patterns; a pattern with a slash matches the path relative to the root,
 *     otherwise the entry's name
 * @param checksum compare content, not size and mtime, to decide whether a file is up to date
 * @param chunkThreshold files at least this large are copied as byte-range chunks
 * @param chunkSize the size of one chunk
 * @param preserve what is preserved besides content
 * @param allowEmptySource let delete run when the source is empty and the target is not
 * @param json the final summary as JSON
 */
public record PassConfig(
    String command,
    List<Pass> passes,
    Path source,
    Path target,
    int threads,
    boolean dryRun,
    Duration skipAtimeOlder,
    Duration skipMtimeNewer,
    List<String> excludes,
    boolean checksum,
    long chunkThreshold,
    long chunkSize,
    Set<Preserve> preserve,
    boolean allowEmptySource,
    boolean json) {
  /** Most threads of one process: more would be native threads the machine cannot give. */
  public static final int MAX_THREADS = 1024;

  public static final long DEFAULT_CHUNK_THRESHOLD = 256L << 20;
  public static final long DEFAULT_CHUNK_SIZE = 64L << 20;

  public PassConfig {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    passes = List.copyOf(passes);
    excludes = List.copyOf(excludes);
    preserve = preserve.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(preserve));
    if (passes.isEmpty()) {
      throw new MoverUsageException("no pass to run");
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new MoverUsageException(
          "--threads must be between 1 and " + MAX_THREADS + ", not " + threads);
    }
    if (chunkSize < 1 << 20) {
      throw new MoverUsageException("--chunk-size must be at least 1MiB");
    }
    if (chunkThreshold < chunkSize) {
      throw new MoverUsageException("--chunk-threshold must be at least --chunk-size");
    }
    requireNonNegative(skipAtimeOlder, "--skip-atime-older");
    requireNonNegative(skipMtimeNewer, "--skip-mtime-newer");
  }

  public boolean preserves(Preserve p) {
    return preserve.contains(p);
  }

  private static void requireNonNegative(Duration d, String flag) {
    if (d != null && d.isNegative()) {
      throw new MoverUsageException(flag + " must not be negative");
    }
  }
}
