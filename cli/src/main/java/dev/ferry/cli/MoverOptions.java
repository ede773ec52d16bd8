package dev.ferry.cli;

import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.engine.Preserve;
import dev.ferry.mover.task.Pass;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments and options every mover command shares. */
final class MoverOptions {
  @Parameters(index = "0", paramLabel = "SRC", description = "Source directory.")
  Path source;

  @Parameters(
      index = "1",
      paramLabel = "DST",
      description = "Target directory; the contents of SRC go into it.")
  Path target;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (env FERRY_THREADS, config mover.threads; default: cores x 2).")
  Integer threads;

  @Option(names = "--dry-run", description = "Report what would change; change nothing.")
  boolean dryRun;

  @Option(
      names = "--skip-atime-older",
      paramLabel = "DURATION",
      description = "Skip files not accessed within DURATION (30m, 12h, 90d).")
  String skipAtimeOlder;

  @Option(
      names = "--skip-mtime-newer",
      paramLabel = "DURATION",
      description = "Skip files modified within DURATION (still being written).")
  String skipMtimeNewer;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Leave out entries whose name matches GLOB, or whose path relative to SRC matches when"
              + " GLOB holds a slash. Repeatable. Excluded entries are never deleted.")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--checksum", description = "Compare content, not size and mtime.")
  boolean checksum;

  @Option(names = "--json", description = "Print the final summary as JSON.")
  boolean json;

  @Option(
      names = "--chunk-threshold",
      paramLabel = "SIZE",
      description =
          "Copy files of at least SIZE in parallel chunks (config mover.chunk-threshold; default 256M).")
  String chunkThreshold;

  @Option(
      names = "--chunk-size",
      paramLabel = "SIZE",
      description = "Size of one chunk (config mover.chunk-size; default 64M).")
  String chunkSize;

  @Option(
      names = "--allow-empty-source",
      description = "Let delete run when SRC is empty and DST is not.")
  boolean allowEmptySource;

  @Option(names = "--no-mode", description = "Do not preserve permission bits.")
  boolean noMode;

  @Option(names = "--no-owner", description = "Do not preserve owner and group (root only).")
  boolean noOwner;

  @Option(names = "--no-times", description = "Do not preserve mtime and atime.")
  boolean noTimes;

  @Option(names = "--no-symlinks", description = "Skip symlinks (they are never followed).")
  boolean noSymlinks;

  @Option(names = "--no-hard-links", description = "Copy each hard-linked name as its own file.")
  boolean noHardLinks;

  @Option(names = "--no-sparse", description = "Write zero blocks instead of leaving holes.")
  boolean noSparse;

  @Option(names = "--no-specials", description = "Skip FIFOs and device nodes.")
  boolean noSpecials;

  @Option(
      names = "--no-xattrs",
      description = "Do not copy extended attributes (user.*, and trusted.* as root).")
  boolean noXattrs;

  @Option(names = "--no-acls", description = "Do not copy POSIX ACLs (access and default).")
  boolean noAcls;

  /** The validated run configuration for {@code passes}. */
  PassConfig config(String command, List<Pass> passes, Settings settings) {
    int n =
        settings
            .resolve(threads, "FERRY_THREADS", "mover.threads", Integer::valueOf)
            .orElse(Runtime.getRuntime().availableProcessors() * 2);
    long threshold =
        settings
            .resolve(sizeOrNull(chunkThreshold), null, "mover.chunk-threshold", SizeOption::parse)
            .orElse(PassConfig.DEFAULT_CHUNK_THRESHOLD);
    long size =
        settings
            .resolve(sizeOrNull(chunkSize), null, "mover.chunk-size", SizeOption::parse)
            .orElse(PassConfig.DEFAULT_CHUNK_SIZE);
    return new PassConfig(
        command,
        passes,
        source,
        target,
        n,
        dryRun,
        duration(skipAtimeOlder, "--skip-atime-older"),
        duration(skipMtimeNewer, "--skip-mtime-newer"),
        excludes,
        checksum,
        threshold,
        size,
        preserve(),
        allowEmptySource,
        json);
  }

  private EnumSet<Preserve> preserve() {
    EnumSet<Preserve> p = EnumSet.allOf(Preserve.class);
    drop(p, noMode, Preserve.MODE);
    drop(p, noOwner, Preserve.OWNER);
    drop(p, noTimes, Preserve.TIMES);
    drop(p, noSymlinks, Preserve.SYMLINKS);
    drop(p, noHardLinks, Preserve.HARD_LINKS);
    drop(p, noSparse, Preserve.SPARSE);
    drop(p, noSpecials, Preserve.SPECIAL);
    drop(p, noXattrs, Preserve.XATTRS);
    drop(p, noAcls, Preserve.ACLS);
    return p;
  }

  private static void drop(EnumSet<Preserve> set, boolean off, Preserve p) {
    if (off) {
      set.remove(p);
    }
  }

  private static Long sizeOrNull(String s) {
    if (s == null) {
      return null;
    }
    try {
      return SizeOption.parse(s);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Duration duration(String s, String flag) {
    if (s == null) {
      return null;
    }
    try {
      return DurationOption.parse(s);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }
}
