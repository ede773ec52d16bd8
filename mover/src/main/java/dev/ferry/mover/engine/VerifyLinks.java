package dev.ferry.mover.engine;

import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.RelPath;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verify's hard-link check. Names that share an inode in the source must share one in the target,
 * and a target inode must not have more names than its source. Like {@link HardLinks}, only inodes
 * with names still to come are held, at most {@code limit}; beyond that (or when the names are
 * checked by different processes) the sharing check is skipped, never guessed. A target with fewer
 * links than its source is not itself a difference: the other names may lie outside the tree or be
 * excluded; a name of the tree that is not linked is reported where it is checked.
 */
final class VerifyLinks {
  private record Key(long dev, long ino) {}

  /** The first name of a source inode that was checked, and its target inode. */
  private record First(RelPath path, Key target, AtomicInteger remaining) {}

  private final ConcurrentHashMap<Key, First> seen = new ConcurrentHashMap<>();
  private final int limit;

  VerifyLinks(int limit) {
    this.limit = limit;
  }

  /** What differs in the link structure of this regular file, or null. */
  String check(RelPath rel, EntryStat src, EntryStat have) {
    if (have.nlink() > src.nlink()) {
      return "links " + src.nlink() + " != " + have.nlink();
    }
    if (src.nlink() < 2) {
      return null;
    }
    Key key = new Key(src.dev(), src.ino());
    Key target = new Key(have.dev(), have.ino());
    First first = seen.get(key);
    if (first == null) {
      if (seen.size() >= limit) {
        return null;
      }
      first = seen.putIfAbsent(key, new First(rel, target, new AtomicInteger(src.nlink() - 1)));
      if (first == null) {
        return null;
      }
    }
    if (first.remaining().decrementAndGet() <= 0) {
      seen.remove(key, first);
    }
    return first.target().equals(target)
        ? null
        : "not hard-linked to " + first.path().display() + " as in source";
  }
}
