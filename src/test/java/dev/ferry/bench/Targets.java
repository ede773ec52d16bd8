package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fresh target directories for timed copies of many small files, none removed until {@link #close},
 * after the timed runs.
 *
 * <p>Why not remove each target before the next run: ext4 without a journal (this VM's disk) never
 * hands out an inode freed in the last ~30 seconds, so the first creates after removing a
 * 40,000-file target each scanned past the freed inodes ({@code perf}: {@code recently_deleted}
 * under {@code __ext4_new_inode}, half of all CPU). That made every copier several times slower
 * than it is on a filesystem that has not just deleted a tree (`cp -a` 13 s instead of 2.5 s) and
 * made the figures depend on what happened to be deleted last. Copies onto a new filesystem, the
 * case the benchmark stands for, never pay it.
 */
final class Targets implements AutoCloseable {
  /** How long ext4 keeps a freed inode out of reuse (30 s, 35 s while its table block is dirty). */
  private static final long SETTLE_MILLIS = 36_000;

  private final Path parent;
  private final String prefix;
  private final List<Path> made = new ArrayList<>();

  /**
   * Targets named {@code prefix-N} under {@code parent}. Leftovers of an interrupted run are
   * removed first, and then the filesystem is given time to forget them before anything is timed.
   */
  Targets(Path parent, String prefix) throws IOException {
    this.parent = parent;
    this.prefix = prefix;
    Files.createDirectories(parent);
    List<Path> leftovers;
    try (Stream<Path> s = Files.list(parent)) {
      leftovers = s.filter(p -> p.getFileName().toString().startsWith(prefix + "-")).toList();
    }
    for (Path p : leftovers) {
      Shell.removeTree(p);
    }
    if (!leftovers.isEmpty()) {
      System.err.printf(
          "  removed %d leftover targets; waiting %d s before timing%n",
          leftovers.size(), SETTLE_MILLIS / 1000);
      settle();
    }
  }

  /** A directory that does not exist yet. */
  Path next() {
    Path p = parent.resolve(prefix + "-" + made.size());
    made.add(p);
    return p;
  }

  /** Removes every target handed out. */
  @Override
  public void close() throws IOException {
    for (Path p : made) {
      Shell.removeTree(p);
    }
    made.clear();
  }

  private static void settle() throws IOException {
    try {
      Thread.sleep(SETTLE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for removed inodes to age", e);
    }
  }
}
