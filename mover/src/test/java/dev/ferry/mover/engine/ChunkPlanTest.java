package dev.ferry.mover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.mover.task.ChunkTask;
import dev.ferry.mover.task.CollectingSink;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.SplitTask;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskScope;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a batch's chunks are cut again: one writer per file where there are enough files. */
class ChunkPlanTest {
  private static final long MIB = 1 << 20;
  private static final long GIB = 1 << 30;
  private static final TaskScope SCOPE = new TaskScope("job", Pass.COPY, "/s", "/d");

  @Test
  void asManyFilesAsThreadsGetOneChunkEach() {
    List<ChunkTask> out =
        plan(4, 64 * MIB, file("a", GIB), file("b", GIB), file("c", GIB), file("d", GIB));
    assertEquals(
        List.of("a 0/1 1073741824", "b 0/1 1073741824", "c 0/1 1073741824", "d 0/1 1073741824"),
        describe(out));
  }

  @Test
  void oneFileAloneIsCutIntoAChunkPerThreadAndFewFilesInTurn() {
    assertEquals(
        List.of("a 0/4 268435456", "a 1/4 268435456", "a 2/4 268435456", "a 3/4 268435456"),
        describe(plan(4, 64 * MIB, file("a", GIB))));
    assertEquals(
        List.of("a 0/2 536870912", "b 0/2 536870912", "a 1/2 536870912", "b 1/2 536870912"),
        describe(plan(4, 64 * MIB, file("a", GIB), file("b", GIB))));
  }

  @Test
  void neverBelowTheConfiguredChunkSizeAndTheLastChunkEndsTheFile() {
    assertEquals(
        List.of("a 0/3 67108864", "a 1/3 67108864", "a 2/3 1"),
        describe(plan(8, 64 * MIB, file("a", 128 * MIB + 1))));
  }

  @Test
  void everythingElsePassesThroughAtOnce() {
    CollectingSink sink = new CollectingSink();
    SplitTask split = new SplitTask(SCOPE, rel("x"), stat(GIB));
    try (ChunkPlan p = new ChunkPlan(sink, 64 * MIB, 4)) {
      p.emit(split);
      assertEquals(List.of(split), sink.outcome().children(), "before the plan is closed");
    }
  }

  private record Large(String name, long size) {}

  /** Emits every chunk of each file as FileCopier does, closes the plan; what came out. */
  private static List<ChunkTask> plan(int threads, long minChunk, Large... files) {
    CollectingSink sink = new CollectingSink();
    try (ChunkPlan p = new ChunkPlan(sink, minChunk, threads)) {
      for (Large f : files) {
        String name = f.name();
        long size = f.size();
        long count = (size + minChunk - 1) / minChunk;
        for (int i = 0; i < count; i++) {
          long off = i * minChunk;
          p.emit(
              new ChunkTask(
                  SCOPE,
                  rel(name),
                  stat(size),
                  off,
                  Math.min(minChunk, size - off),
                  i,
                  (int) count));
        }
      }
    }
    return sink.outcome().children().stream().map(t -> (ChunkTask) t).toList();
  }

  private static Large file(String name, long size) {
    return new Large(name, size);
  }

  private static List<String> describe(List<? extends Task> chunks) {
    return chunks.stream()
        .map(t -> (ChunkTask) t)
        .map(c -> c.path().display() + " " + c.index() + "/" + c.count() + " " + c.length())
        .toList();
  }

  private static RelPath rel(String name) {
    return RelPath.of(Path.of(name));
  }

  private static EntryStat stat(long size) {
    return new EntryStat(0100644, size, 1L, 1L, 0, 0, 1, 2, 1, 0, 1L);
  }
}
