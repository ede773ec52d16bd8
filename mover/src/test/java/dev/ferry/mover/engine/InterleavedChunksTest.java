package dev.ferry.mover.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.mover.task.ChunkTask;
import dev.ferry.mover.task.CollectingSink;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.SplitTask;
import dev.ferry.mover.task.TaskScope;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch's chunks are handed on across its files in turn, each chunk unchanged. */
class InterleavedChunksTest {
  private static final TaskScope SCOPE = new TaskScope("job", Pass.COPY, "/s", "/d");

  @Test
  void chunksGoOutAcrossTheFilesInTurnUnchanged() {
    CollectingSink sink = new CollectingSink();
    List<ChunkTask> a = chunks("a", 3);
    List<ChunkTask> b = chunks("b", 1);
    List<ChunkTask> c = chunks("c", 2);
    try (InterleavedChunks interleaved = new InterleavedChunks(sink)) {
      a.forEach(interleaved::emit);
      b.forEach(interleaved::emit);
      c.forEach(interleaved::emit);
      assertEquals(List.of(), sink.outcome().children(), "held back until the batch ends");
    }
    assertEquals(
        List.of(a.get(0), b.get(0), c.get(0), a.get(1), c.get(1), a.get(2)),
        sink.outcome().children());
  }

  @Test
  void everythingElsePassesThroughAtOnce() {
    CollectingSink sink = new CollectingSink();
    SplitTask split = new SplitTask(SCOPE, RelPath.of(Path.of("x")), stat(1 << 30));
    try (InterleavedChunks interleaved = new InterleavedChunks(sink)) {
      interleaved.emit(split);
      assertEquals(List.of(split), sink.outcome().children(), "before the batch ends");
    }
  }

  private static List<ChunkTask> chunks(String name, int count) {
    long size = count * 64L << 20;
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(
            i ->
                new ChunkTask(
                    SCOPE,
                    RelPath.of(Path.of(name)),
                    stat(size),
                    i * 64L << 20,
                    64L << 20,
                    i,
                    count))
        .toList();
  }

  private static EntryStat stat(long size) {
    return new EntryStat(0100644, size, 1L, 1L, 0, 0, 1, 2, 1, 0, 1L);
  }
}
