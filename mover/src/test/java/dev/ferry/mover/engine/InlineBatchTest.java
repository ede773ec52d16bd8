package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.task.ChunkLedger;
import dev.ferry.mover.task.CollectingSink;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.DirMetaTask;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.SplitTask;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskCodec;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskOutcome;
import dev.ferry.mover.task.TaskScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory task copies its directory's last file batch, the one that did not fill up, itself:
 * full batches still become tasks, and everything a batch task does (counts, failures, chunks of
 * large files) happens the same inline. A directory task that emitted nothing (a leaf whose files
 * were all copied inline) then sets the directory's metadata itself.
 */
class InlineBatchTest {
  private static final int MIB = 1 << 20;
  @TempDir Path tmp;

  private Path src() {
    return tmp.resolve("src");
  }

  private Path dst() {
    return tmp.resolve("dst");
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

  private DirTask dirTask(String rel) throws Exception {
    return new DirTask(scope(), RelPath.of(Path.of(rel)), Trees.stat(src().resolve(rel)));
  }

  private void files(String dir, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      file(src().resolve(dir + "/f" + i), "content of " + i);
    }
  }

  private static List<FileBatchTask> batches(TaskOutcome o) {
    return o.children().stream()
        .filter(FileBatchTask.class::isInstance)
        .map(FileBatchTask.class::cast)
        .toList();
  }

  @Test
  void aLeafDirectoryCopiesItsFilesInItsOwnTaskAndEmitsNoBatch() throws Exception {
    files("d", 100);

    TaskOutcome o = handler().run(dirTask("d"));

    assertEquals(List.of(), o.children());
    assertEquals(100, o.count(Counter.COPIED));
    assertEquals(100, o.count(Counter.SCANNED));
    assertEquals(1, o.count(Counter.DIRS_CREATED));
    assertEquals(List.of(), o.failures());
    // Nothing below it to wait for: its metadata was set in the same task, after its files.
    assertNull(o.finish());
    assertEquals(1, o.count(Counter.DIRS_UPDATED));
    Trees.assertSameTree(src().resolve("d"), dst().resolve("d"));
    assertEquals(
        Trees.stat(src().resolve("d")).mtimeNanos(), Trees.stat(dst().resolve("d")).mtimeNanos());
  }

  @Test
  void aDirectoryOf300FilesEmitsTwoFullBatchesAndCopiesTheRestInline() throws Exception {
    files("d", 300);
    TaskHandler h = handler();

    TaskOutcome o = h.run(dirTask("d"));

    List<FileBatchTask> full = batches(o);
    assertEquals(2, full.size());
    assertEquals(o.children().size(), full.size());
    Set<Path> inBatches = new HashSet<>();
    for (FileBatchTask b : full) {
      assertEquals(SourceLister.BATCH_ENTRIES, b.entries().size());
      b.entries().forEach(e -> inBatches.add(e.name()));
    }
    int rest = 300 - 2 * SourceLister.BATCH_ENTRIES;
    assertEquals(rest, o.count(Counter.COPIED));
    try (Stream<Path> copied = Files.list(dst().resolve("d"))) {
      List<Path> names = copied.map(Path::getFileName).toList();
      assertEquals(rest, names.size());
      names.forEach(n -> assertFalse(inBatches.contains(n), n + " copied twice"));
    }
    long copied = 0;
    for (FileBatchTask b : full) {
      copied += h.run(b).count(Counter.COPIED);
    }
    assertEquals(2 * SourceLister.BATCH_ENTRIES, copied);
    // The directory's metadata waits for its batches.
    assertEquals(0, o.count(Counter.DIRS_UPDATED));
    assertEquals(
        1, h.run(assertInstanceOf(DirMetaTask.class, o.finish())).count(Counter.DIRS_UPDATED));
    Trees.assertSameTree(src().resolve("d"), dst().resolve("d"));
  }

  @Test
  void aLargeFileGoesToABatchOfItsOwnWhoseChunksRunOnAnyWorker() throws Exception {
    files("d", 3);
    file(src().resolve("d/big"), Trees.random(3 * MIB + 5, 7));
    TaskHandler h = handler();

    TaskOutcome o = h.run(dirTask("d"));

    assertEquals(1, o.children().size());
    FileBatchTask large = assertInstanceOf(FileBatchTask.class, o.children().get(0));
    assertEquals(List.of(Path.of("big")), large.entries().stream().map(e -> e.name()).toList());
    assertEquals(3, o.count(Counter.COPIED), "the small files, inline");
    assertInstanceOf(DirMetaTask.class, o.finish(), "waits for the large file's batch");

    TaskOutcome b = h.run(large);
    SplitTask split = assertInstanceOf(SplitTask.class, b.children().get(0));
    assertEquals("d/big", split.path().display());
    assertFalse(Files.exists(dst().resolve("d/big")), "renamed into place by its commit only");
  }

  @Test
  void aRedeliveryAfterAKillInTheMiddleOfTheInlineCopyFinishesTheDirectory() throws Exception {
    files("d", 100);
    TaskHandler h = handler();
    TaskOutcome first = h.run(dirTask("d"));
    // What a kill -9 in the middle of the copy leaves: some names not yet there, one of them as a
    // half-written temporary file.
    for (int i = 0; i < 30; i++) {
      Files.delete(dst().resolve("d/f" + i));
    }
    Path half = dst().resolve("d").resolve(TempNames.of(scope().jobId(), Path.of("f0")));
    Files.writeString(half, "cont");

    TaskOutcome again = h.run(dirTask("d"));

    assertEquals(ids(first.children()), ids(again.children()));
    assertEquals(30, again.count(Counter.COPIED));
    assertEquals(70, again.count(Counter.SKIPPED));
    assertEquals(List.of(), again.failures());
    assertFalse(Files.exists(half));
    assertNull(again.finish());
    Trees.assertSameTree(src().resolve("d"), dst().resolve("d"));
  }

  @Test
  void aFileThatVanishesBeforeItsInlineCopyIsReportedByPathAndCounted() throws Exception {
    files("d", 10);
    CollectingSink sink = new CollectingSink();

    handler().handle(dirTask("d"), new VanishingSink(sink, src().resolve("d/f3")));

    TaskOutcome o = sink.outcome();
    assertEquals(1, o.count(Counter.FAILED));
    assertEquals(9, o.count(Counter.COPIED));
    assertEquals("d/f3", o.failures().get(0).path().display());
    assertTrue(Files.exists(dst().resolve("d/f4")));
  }

  private static List<String> ids(List<Task> tasks) {
    return tasks.stream().map(new TaskCodec()::taskId).toList();
  }
}
