package dev.ferry.mover.engine;

import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.RelPath;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code --exclude} globs and the age filters, fixed at the start of a run. */
final class Filters {
  private final List<PathMatcher> byName = new ArrayList<>();
  private final List<PathMatcher> byPath = new ArrayList<>();
  private final long atimeCutoff;
  private final long mtimeCutoff;

  Filters(List<String> excludes, Duration skipAtimeOlder, Duration skipMtimeNewer, Instant now) {
    for (String glob : excludes) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      (glob.contains("/") ? byPath : byName).add(m);
    }
    long nowNanos = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    atimeCutoff = skipAtimeOlder == null ? Long.MIN_VALUE : nowNanos - skipAtimeOlder.toNanos();
    mtimeCutoff = skipMtimeNewer == null ? Long.MAX_VALUE : nowNanos - skipMtimeNewer.toNanos();
  }

  /** Whether {@code --exclude} leaves this entry (and everything below it) out. */
  boolean excluded(RelPath rel) {
    if (rel.isRoot()) {
      return false;
    }
    for (PathMatcher m : byName) {
      if (m.matches(rel.name())) {
        return true;
      }
    }
    for (PathMatcher m : byPath) {
      if (m.matches(rel.path())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the age filters skip this (non-directory) entry; null when not, else why. */
  String skippedByAge(EntryStat s) {
    if (s.atimeNanos() < atimeCutoff) {
      return "not accessed recently";
    }
    if (s.mtimeNanos() > mtimeCutoff) {
      return "modified too recently";
    }
    return null;
  }
}
