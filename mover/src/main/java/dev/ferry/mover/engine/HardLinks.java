package dev.ferry.mover.engine;

import dev.ferry.mover.task.EntryStat;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Source inodes with more than one name, mapped to the target path of the first name copied. Only
 * inodes with names still to come are held: an entry is dropped once all {@code nlink} names were
 * seen, and at most {@code limit} entries exist (beyond that, further names are copied as separate
 * files, and counted).
 */
final class HardLinks {
  private record Key(long dev, long ino) {}

  /** One source inode: the first copied name's target path, once it is in place. */
  static final class Link {
    final boolean first;
    private final Key key;
    private final CompletableFuture<Path> target;
    private final AtomicInteger remaining;

    private Link(boolean first, Key key, CompletableFuture<Path> target, AtomicInteger remaining) {
      this.first = first;
      this.key = key;
      this.target = target;
      this.remaining = remaining;
    }
  }

  private final ConcurrentHashMap<Key, Link> links = new ConcurrentHashMap<>();
  private final int limit;

  HardLinks(int limit) {
    this.limit = limit;
  }

  /**
   * Claims one name of a multiply linked inode. The first claimant gets {@code first == true} and
   * must call {@link #copied} or {@link #failed}. Returns null when the table is full.
   */
  Link claim(EntryStat s) {
    Key key = new Key(s.dev(), s.ino());
    Link existing = links.get(key);
    if (existing == null) {
      if (links.size() >= limit) {
        return null;
      }
      Link mine = new Link(true, key, new CompletableFuture<>(), new AtomicInteger(s.nlink() - 1));
      existing = links.putIfAbsent(key, mine);
      if (existing == null) {
        return mine;
      }
    }
    Link later = new Link(false, key, existing.target, existing.remaining);
    if (later.remaining.decrementAndGet() <= 0) {
      links.remove(key, existing);
    }
    return later;
  }

  /** The first name is in place at {@code target}. */
  void copied(Link link, Path target) {
    link.target.complete(target);
    if (link.remaining.get() <= 0) {
      links.remove(link.key);
    }
  }

  /** The first name could not be copied; later names are copied as separate files. */
  void failed(Link link) {
    link.target.complete(null);
  }

  /** Waits for the first name; null if it failed. */
  Path firstTarget(Link link) throws InterruptedException {
    try {
      return link.target.get();
    } catch (ExecutionException e) {
      return null;
    }
  }

  int size() {
    return links.size();
  }
}
