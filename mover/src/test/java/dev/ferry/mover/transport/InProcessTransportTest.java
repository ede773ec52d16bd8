package dev.ferry.mover.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.task.CollectingSink;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.DirMetaTask;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class InProcessTransportTest {
  private static final TaskScope SCOPE = new TaskScope("j", Pass.DIRTIMES, "s", "t");
  private static final EntryStat DIR = new EntryStat(040755, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0);

  /** A synthetic tree: each directory at depth < 4 has 3 subdirectories. */
  private static final TaskHandler TREE =
      (task, sink) -> {
        sink.count(Counter.SCANNED, 1);
        if (task instanceof DirTask d) {
          if (d.path().depth() < 4) {
            for (int i = 0; i < 3; i++) {
              sink.emit(new DirTask(SCOPE, d.path().child(Path.of("d" + i)), DIR));
            }
          }
          sink.finish(new DirMetaTask(SCOPE, d.path(), DIR));
        }
      };

  @Test
  void runsEveryTaskOnceAndFinishTasksAfterTheirSubtree() throws Exception {
    List<RelPath> finished = Collections.synchronizedList(new ArrayList<>());
    Map<RelPath, Boolean> finishedSet = new ConcurrentHashMap<>();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    TaskHandler handler =
        (task, sink) -> {
          if (task instanceof DirMetaTask m) {
            for (int i = 0; i < 3 && m.path().depth() < 4; i++) {
              if (!finishedSet.containsKey(m.path().child(Path.of("d" + i)))) {
                violations.add(m.path() + " before its child d" + i);
              }
            }
            finishedSet.put(m.path(), true);
            finished.add(m.path());
          }
          TREE.handle(task, sink);
        };
    CollectingSink totals = new CollectingSink();
    // A tiny queue forces the caller-runs path on most emits.
    boolean done =
        new InProcessTransport(3, 2)
            .run(List.of(new DirTask(SCOPE, RelPath.ROOT, null)), handler, synced(totals));

    assertTrue(done);
    int dirs = 1 + 3 + 9 + 27 + 81;
    assertEquals(dirs, finished.size());
    assertEquals(List.of(), violations);
    assertEquals(RelPath.ROOT, finished.get(finished.size() - 1));
    assertEquals(2L * dirs, totals.outcome().count(Counter.SCANNED));
  }

  @Test
  void aThrowingHandlerIsReportedAgainstTheTaskPathAndTheRunEnds() throws Exception {
    CollectingSink totals = new CollectingSink();
    TaskHandler boom =
        (task, sink) -> {
          throw new IllegalStateException("disk on fire");
        };
    Task t = new DirTask(SCOPE, RelPath.of(Path.of("a/b")), null);
    new InProcessTransport(2, 4).run(List.of(t), boom, synced(totals));
    assertEquals(1, totals.outcome().failures().size());
    assertEquals("a/b", totals.outcome().failures().get(0).path().display());
    assertEquals(1L, totals.outcome().count(Counter.FAILED));
  }

  @Test
  void aLinkageErrorInAHandlerIsAFailedItemNotALostSubtree() throws Exception {
    CollectingSink totals = new CollectingSink();
    TaskHandler broken =
        (task, sink) -> {
          throw new NoClassDefFoundError("io/example/Missing");
        };
    Task t = new DirTask(SCOPE, RelPath.of(Path.of("c")), null);
    new InProcessTransport(2, 4).run(List.of(t), broken, synced(totals));
    assertEquals(1L, totals.outcome().count(Counter.FAILED));
    assertEquals("c", totals.outcome().failures().get(0).path().display());
  }

  private static dev.ferry.mover.task.TaskSink synced(CollectingSink s) {
    return new dev.ferry.mover.task.TaskSink() {
      @Override
      public synchronized void emit(Task child) {
        s.emit(child);
      }

      @Override
      public synchronized void finish(Task after) {
        s.finish(after);
      }

      @Override
      public synchronized void count(Counter counter, long delta) {
        s.count(counter, delta);
      }

      @Override
      public synchronized void fail(RelPath path, String reason) {
        s.fail(path, reason);
      }

      @Override
      public synchronized void differ(RelPath path, String what) {
        s.differ(path, what);
      }
    };
  }
}
