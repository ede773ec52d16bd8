package dev.ferry.mover.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.mover.task.ChunkTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryChunkLedgerTest {
  private static final TaskScope SCOPE = new TaskScope("j", Pass.COPY, "s", "t");
  private static final EntryStat STAT = new EntryStat(0100644, 100, 0, 0, 0, 0, 0, 1, 1, 0, 0);

  @Test
  void exactlyOneCallCompletesEachFileEvenWithRepeatsAndConcurrency() throws Exception {
    InMemoryChunkLedger ledger = new InMemoryChunkLedger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int file = 0; file < 50; file++) {
      RelPath p = RelPath.of(Path.of("f" + file));
      for (int i = 0; i < 8; i++) {
        ChunkTask c = new ChunkTask(SCOPE, p, STAT, i, 1, i, 8);
        results.add(pool.submit(() -> ledger.completes(c)));
        if (i == 3) {
          results.add(pool.submit(() -> ledger.completes(c))); // a redelivery
        }
      }
    }
    int completions = 0;
    for (Future<Boolean> f : results) {
      completions += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(50, completions);
  }

  @Test
  void nothingIsHeldOnceEveryChunkIsIn() {
    InMemoryChunkLedger ledger = new InMemoryChunkLedger();
    RelPath p = RelPath.of(Path.of("big"));
    for (int i = 2; i >= 0; i--) {
      assertEquals(i == 0, ledger.completes(new ChunkTask(SCOPE, p, STAT, i, 1, i, 3)));
      assertEquals(i == 0 ? 0 : 1, ledger.inFlight());
    }
  }
}
