package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.task.CollectingSink;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.DirMetaTask;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskOutcome;
import dev.ferry.mover.task.TaskScope;
import dev.ferry.mover.transport.InMemoryChunkLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that emitted no child runs its finish task at once, in the same task; one that emitted
 * children leaves it to the transport, to run after its subtree.
 */
class FinishInPlaceTest {
  @TempDir Path tmp;

  private static final TaskScope SCOPE = new TaskScope("0badc0de", Pass.DIRTIMES, "s", "t");
  private static final EntryStat DIR = new EntryStat(040755, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0);
  private static final DirMetaTask META = new DirMetaTask(SCOPE, RelPath.ROOT, DIR);
  private static final DirTask CHILD = new DirTask(SCOPE, RelPath.of(Path.of("a")), null);

  @Test
  void aTaskThatEmittedNothingGivesItsFinishTaskToRunNow() {
    CollectingSink sink = new CollectingSink();
    FinishInPlace held = new FinishInPlace(sink);
    held.finish(META);
    held.count(Counter.SCANNED, 3);

    assertSame(META, held.takeIfLeaf());
    assertNull(sink.outcome().finish(), "not also left to the transport");
    assertEquals(3, sink.outcome().count(Counter.SCANNED));
  }

  @Test
  void aTaskThatEmittedChildrenHandsItsFinishTaskOn() {
    CollectingSink sink = new CollectingSink();
    FinishInPlace held = new FinishInPlace(sink);
    held.finish(META);
    held.emit(CHILD);

    assertNull(held.takeIfLeaf());
    assertEquals(List.of(CHILD), sink.outcome().children());
    assertSame(META, sink.outcome().finish());
  }

  @Test
  void aTaskThatThrowsHandsItsFinishTaskOn() {
    CollectingSink sink = new CollectingSink();
    FinishInPlace held = new FinishInPlace(sink);
    held.finish(META);

    held.handOn();

    assertSame(META, sink.outcome().finish());
    assertNull(held.takeIfLeaf());
  }

  @Test
  void dirtimesSetsALeafDirectorysTimesInItsOwnTaskAndDefersAParents() throws Exception {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    file(src.resolve("p/leaf/f"), "x");
    Files.createDirectories(dst.resolve("p/leaf"));
    Trees.times(src.resolve("p/leaf"), 1_600_000_000_123_456_789L, 1_600_000_000_000_000_000L);
    Trees.times(src.resolve("p"), 1_500_000_000_000_000_001L, 1_500_000_000_000_000_000L);
    TaskScope scope = new TaskScope("0badc0de", Pass.DIRTIMES, src.toString(), dst.toString());
    TaskHandler h =
        Mover.handler(
            Runs.of(src, dst, Pass.DIRTIMES).config(),
            new Roots(Map.of(src.toString(), src, dst.toString(), dst)),
            scope,
            new PosixTargetCreator(),
            new InMemoryChunkLedger(),
            Instant.now());

    TaskOutcome parent = h.run(dirTask(scope, src, "p"));
    DirTask leaf = assertInstanceOf(DirTask.class, parent.children().get(0));
    TaskOutcome leafRun = h.run(leaf);

    assertInstanceOf(DirMetaTask.class, parent.finish(), "waits for the leaf");
    assertEquals(0, parent.count(Counter.DIRS_UPDATED));
    assertNull(leafRun.finish());
    assertEquals(1, leafRun.count(Counter.DIRS_UPDATED));
    assertEquals(1_600_000_000_123_456_789L, Trees.stat(dst.resolve("p/leaf")).mtimeNanos());
  }

  private static DirTask dirTask(TaskScope scope, Path src, String rel) throws Exception {
    return new DirTask(scope, RelPath.of(Path.of(rel)), Trees.stat(src.resolve(rel)));
  }
}
