package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.report.Console;
import dev.ferry.mover.report.Tally;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskScope;
import dev.ferry.mover.transport.InMemoryChunkLedger;
import dev.ferry.mover.transport.InProcessTransport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemFailureTest {
  @TempDir Path tmp;

  @Test
  void aFileThatVanishesBeforeItIsCopiedInlineIsReportedByPathAndTheRunGoesOn() throws Exception {
    Path src = tmp.resolve("src");
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    for (int i = 0; i < 10; i++) {
      file(src.resolve("d/f" + i), "content " + i);
    }
    Runs cfg = Runs.of(src, dst);
    Roots roots = new Roots(Map.of("s", src, "t", dst));
    TaskScope scope = new TaskScope("job1", Pass.COPY, "s", "t");
    TaskHandler real =
        Mover.handler(
            cfg.config(),
            roots,
            scope,
            new PosixTargetCreator(),
            new InMemoryChunkLedger(),
            Instant.now());
    // The file is listed, then removed by a user before it is copied: in the directory's own
    // task, which copies the directory's last (here only) batch itself.
    TaskHandler vanishing =
        (task, sink) -> real.handle(task, new VanishingSink(sink, src.resolve("d/f3")));
    StringWriter err = new StringWriter();
    Tally tally = tally(err);

    new InProcessTransport(2, 16)
        .run(List.of(new DirTask(scope, RelPath.ROOT, null)), vanishing, tally);

    assertEquals(1, tally.get(Counter.FAILED));
    assertEquals(9, tally.get(Counter.COPIED));
    assertEquals("d/f3", tally.failures().get(0).path().display());
    assertTrue(err.toString().startsWith("ferry copy: d/f3: "), err.toString());
    assertFalse(Files.exists(dst.resolve("d/f3")));
  }

  @Test
  void aTargetThatCannotBeFlushedFailsTheRunAtItsRoot() throws Exception {
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    Path file = Files.writeString(dst.resolve("f"), "not a directory");
    StringWriter err = new StringWriter();
    Tally tally = tally(err);

    Mover.flush(dst, tally);
    assertEquals(0, tally.get(Counter.FAILED));
    Mover.flush(file, tally); // stands for a writeback error: syncfs fails the same way

    assertEquals(1, tally.get(Counter.FAILED));
    assertEquals(RelPath.ROOT, tally.failures().get(0).path());
    assertTrue(
        err.toString().startsWith("ferry copy: .: cannot flush the target filesystem: Not a"),
        err.toString());
  }

  /** A copy's tally whose error lines go to {@code err}. */
  private static Tally tally(StringWriter err) {
    return new Tally(
        new Console(new PrintWriter(new StringWriter()), new PrintWriter(err, true), false),
        "copy",
        true);
  }
}
