package dev.ferry.mover.transport;

import dev.ferry.mover.task.ChunkLedger;
import dev.ferry.mover.task.ChunkTask;
import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The chunk ledger of one process: a bit set per file with chunks in flight, dropped when full. */
public final class InMemoryChunkLedger implements ChunkLedger {
  private record Key(String jobId, String target, Object path) {}

  private final ConcurrentMap<Key, BitSet> done = new ConcurrentHashMap<>();

  @Override
  public boolean completes(ChunkTask chunk) {
    Key key = new Key(chunk.scope().jobId(), chunk.scope().target(), chunk.path());
    boolean[] complete = {false};
    done.compute(
        key,
        (k, bits) -> {
          BitSet b = bits == null ? new BitSet(chunk.count()) : bits;
          b.set(chunk.index());
          if (b.cardinality() == chunk.count()) {
            complete[0] = true;
            return null;
          }
          return b;
        });
    return complete[0];
  }

  /** Files with chunks still in flight (for tests and memory checks). */
  public int inFlight() {
    return done.size();
  }
}
