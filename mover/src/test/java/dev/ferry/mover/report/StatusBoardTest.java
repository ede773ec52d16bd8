package dev.ferry.mover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.RelPath;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StatusBoardTest {
  @Test
  void theBoardShowsAWorkerLineTotalsAndLatestErrorsAndRedrawsInPlace() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console = new Console(new PrintWriter(out), new PrintWriter(err), true, false, 100);
    Tally tally = new Tally(console, "copy", true);
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    tally.count(Counter.SCANNED, 12);
    tally.count(Counter.COPIED, 3);
    tally.count(Counter.BYTES, 3 << 20);
    tally.working(RelPath.of(Path.of("dir/file")));
    tally.moved(1 << 20);

    StatusBoard board = new StatusBoard(console, tally, clock, "copy"); // not started: no race
    List<String> lines;
    try {
      BoardRenderer.Frame first = board.frame();
      lines = first.live();
      console.board(first);
      tally.fail(RelPath.of(Path.of("bad")), "Input/output error");
      console.board(board.frame());
    } finally {
      board.close();
    }

    assertTrue(lines.get(0).contains("dir/file"), lines.toString());
    assertTrue(lines.get(0).startsWith("  " + Thread.currentThread().getName()), lines.toString());
    assertTrue(
        lines.get(1).startsWith("ferry copy: 12 scanned, 3 copied, 0 skipped, 0 failed, 3.0 MiB"),
        lines.get(1));
    String screen = out.toString();
    assertTrue(screen.contains("\033[2A\033[J"), "second draw moves up over the first");
    assertTrue(screen.contains("  ! bad: Input/output error"), screen);
    assertEquals("ferry copy: bad: Input/output error\n", err.toString());
  }

  @Test
  void aWorkerThatEndedMovesUpWithWhatItDid() throws Exception {
    StringWriter out = new StringWriter();
    Console console = new Console(new PrintWriter(out), new PrintWriter(out), true, false, 100);
    Tally tally = new Tally(console, "copy", true);
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    StatusBoard board = new StatusBoard(console, tally, clock, "copy");
    CountDownLatch working = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              tally.working(RelPath.of(Path.of("a/big")));
              tally.moved(2048);
              working.countDown();
              try {
                finish.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ferry-worker-9");
    worker.start();
    working.await();
    BoardRenderer.Frame live = board.frame();
    finish.countDown();
    worker.join();
    BoardRenderer.Frame after = board.frame();
    board.close();

    assertTrue(live.live().get(0).startsWith("  ferry-worker-9 "), live.toString());
    assertTrue(live.live().get(0).endsWith("  a/big"), live.toString());
    assertEquals(List.of("  ferry-worker-9   done: 1 items, 2.0 KiB"), after.scrolled());
    assertEquals(1, after.live().size(), "only the totals line is left: " + after.live());
  }

  @Test
  void closingMovesUpEveryWorkerEvenIfItsThreadHasNotEndedYet() {
    StringWriter out = new StringWriter();
    Console console = new Console(new PrintWriter(out), new PrintWriter(out), true, false, 100);
    Tally tally = new Tally(console, "copy", true);
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    StatusBoard board = new StatusBoard(console, tally, clock, "copy");
    tally.working(RelPath.of(Path.of("last")));
    console.board(board.frame());
    board.close();
    String name = Thread.currentThread().getName();
    String screen = out.toString();
    String done = String.format("  %-16s done: 1 items, 0 B%n", name);
    // the done line goes above the board (the totals line), and only the board is cleared
    assertTrue(screen.contains("\033[2A\033[J" + done + "ferry copy: "), screen);
    assertTrue(screen.endsWith("elapsed\n\033[1A\033[J"), screen);
  }

  @Test
  void withoutATerminalLinesArePlainAndTheSummaryIsText() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), false);
    Tally tally = new Tally(console, "verify", true);
    tally.differ(RelPath.of(Path.of("x")), "content differs");
    assertEquals("content differs: x\n", out.toString());
    assertEquals(1, tally.get(Counter.DIFFERENT));
  }
}
