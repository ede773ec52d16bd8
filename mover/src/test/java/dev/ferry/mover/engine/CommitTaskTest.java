package dev.ferry.mover.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.task.BatchEntry;
import dev.ferry.mover.task.ChunkLedger;
import dev.ferry.mover.task.ChunkTask;
import dev.ferry.mover.task.CommitTask;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.SplitTask;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskOutcome;
import dev.ferry.mover.task.TaskScope;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's side of chunks committed by a task (distributed mode): a large file becomes a split
 * task, its chunks never finish the file, and the commit does, once, and harmlessly again.
 */
class CommitTaskTest {
  private static final int MIB = 1 << 20;
  @TempDir Path dir;

  private Path src() {
    return dir.resolve("src");
  }

  private Path dst() {
    return dir.resolve("dst");
  }

  private TaskScope scope() {
    return new TaskScope("0badc0de", Pass.COPY, src().toString(), dst().toString());
  }

  private TaskHandler handler() throws Exception {
    Files.createDirectories(dst());
    Runs r = Runs.of(src(), dst());
    r.chunkThreshold = MIB;
    r.chunkSize = MIB;
    Roots roots = new Roots(Map.of(src().toString(), src(), dst().toString(), dst()));
    return Mover.handler(
        r.config(),
        roots,
        scope(),
        new PosixTargetCreator(),
        ChunkLedger.BY_COMMIT_TASK,
        Instant.now());
  }

  private FileBatchTask batch(String... names) throws Exception {
    List<BatchEntry> entries = new ArrayList<>();
    for (String n : names) {
      entries.add(new BatchEntry(Path.of(n), Trees.stat(src().resolve(n))));
    }
    return new FileBatchTask(scope(), RelPath.ROOT, entries);
  }

  private long temps() throws Exception {
    try (Stream<Path> s = Files.list(dst())) {
      return s.filter(p -> p.getFileName().toString().startsWith(".ferry-")).count();
    }
  }

  @Test
  void eachLargeFileOfABatchIsSplitAndOnlyItsCommitPublishesIt() throws Exception {
    byte[] big = Trees.random(3 * MIB + 123, 1);
    Trees.file(src().resolve("big"), big);
    Trees.file(src().resolve("big2"), Trees.random(2 * MIB, 2));
    Path holey = src().resolve("holey");
    try (RandomAccessFile f = new RandomAccessFile(holey.toFile(), "rw")) {
      f.setLength(5L * MIB); // a hole at the start and at the end
      f.seek(2L * MIB + 7);
      f.write(Trees.random(1000, 3));
    }
    Trees.file(src().resolve("small"), "small");
    TaskHandler h = handler();

    TaskOutcome batch = h.run(batch("big", "big2", "holey", "small"));

    assertEquals(3, batch.children().size(), "one split task per large file");
    batch.children().forEach(c -> assertInstanceOf(SplitTask.class, c));
    assertNull(batch.finish());
    assertEquals(3, temps(), "the temporary files exist before the chunks run");
    for (Task t : batch.children()) {
      TaskOutcome split = h.run(t);
      CommitTask commit = assertInstanceOf(CommitTask.class, split.finish());
      List<Task> chunks = new ArrayList<>(split.children());
      Collections.reverse(chunks);
      for (Task c : chunks) {
        TaskOutcome chunk = h.run(assertInstanceOf(ChunkTask.class, c));
        assertEquals(List.of(), chunk.failures());
        assertEquals(0, chunk.count(Counter.COPIED));
      }
      Path target = dst().resolve(t.path().display());
      assertFalse(Files.exists(target), "no chunk may publish the file: " + t.path().display());

      TaskOutcome committed = h.run(commit);
      assertEquals(List.of(), committed.failures());
      assertEquals(1, committed.count(Counter.COPIED));
      assertArrayEquals(Files.readAllBytes(src().resolve(t.path().display())), readAll(target));

      TaskOutcome again = h.run(commit); // a redelivered commit, after the rename
      assertEquals(List.of(), again.failures());
      assertEquals(1, again.count(Counter.COPIED));
    }
    assertArrayEquals(big, readAll(dst().resolve("big")));
    assertTrue(Trees.blocks(dst().resolve("holey")) < 64, "holes kept");
    assertEquals(Trees.stat(holey).mtimeNanos(), Trees.stat(dst().resolve("holey")).mtimeNanos());
    assertEquals(0, temps(), "no temporary file remains");
  }

  @Test
  void aCommitWithoutItsTemporaryFileFailsAndPublishesNothing() throws Exception {
    Trees.file(src().resolve("big"), Trees.random(2 * MIB, 4));
    TaskHandler h = handler();
    CommitTask commit =
        new CommitTask(scope(), RelPath.of(Path.of("big")), Trees.stat(src().resolve("big")));

    TaskOutcome out = h.run(commit);

    assertEquals(1, out.failures().size(), out.toString());
    assertTrue(out.failures().get(0).message().contains("missing"), out.toString());
    assertEquals(0, out.count(Counter.COPIED));
    assertFalse(Files.exists(dst().resolve("big")));
  }

  private static byte[] readAll(Path p) throws Exception {
    return Files.readAllBytes(p);
  }
}
