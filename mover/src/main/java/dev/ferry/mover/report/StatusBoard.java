package dev.ferry.mover.report;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.RelPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a person watching sees while a run goes on. On a terminal: a board redrawn in place, a line
 * per worker thread (current item and rate), a totals line and the latest errors. Otherwise: a
 * plain progress line every {@link #PLAIN_PERIOD}.
 */
public final class StatusBoard implements AutoCloseable {
  static final Duration BOARD_PERIOD = Duration.ofMillis(500);
  static final Duration PLAIN_PERIOD = Duration.ofSeconds(5);

  private final Console console;
  private final Tally tally;
  private final Clock clock;
  private final Instant start;
  private final String command;
  private final Map<Thread, Long> lastBytes = new HashMap<>();
  private final BoardRenderer renderer;
  private final Thread thread;
  private volatile boolean stopped;
  private Instant lastTick;

  StatusBoard(Console console, Tally tally, Clock clock, String command) {
    this.console = console;
    this.tally = tally;
    this.clock = clock;
    this.command = command;
    this.start = clock.instant();
    this.lastTick = start;
    this.renderer = console.renderer();
    this.thread = new Thread(this::loop, "ferry-status");
    thread.setDaemon(true);
  }

  /** Starts showing progress of {@code tally} until {@link #close()}. */
  public static StatusBoard start(Console console, Tally tally, Clock clock, String command) {
    StatusBoard b = new StatusBoard(console, tally, clock, command);
    b.thread.start();
    return b;
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (console.terminal()) {
      // Every worker is finished now (a pool thread may not have ended yet): all rows move up.
      console.board(renderer.render(snapshot(true), clock.instant()));
      console.clearBoard();
    }
  }

  private void loop() {
    Duration period = console.terminal() ? BOARD_PERIOD : PLAIN_PERIOD;
    while (!stopped) {
      try {
        Thread.sleep(period.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      if (console.terminal()) {
        console.board(frame());
      } else {
        console.progress(BoardRenderer.safe("ferry " + command + ": " + totals()));
      }
    }
  }

  /** The next board frame, now. */
  BoardRenderer.Frame frame() {
    return renderer.render(snapshot(false), clock.instant());
  }

  /** The totals line: scanned, copied, skipped, failed, bytes, rate, elapsed. */
  String totals() {
    Duration elapsed = Duration.between(start, clock.instant());
    long bytes = tally.get(Counter.BYTES);
    double secs = Math.max(elapsed.toMillis(), 1) / 1000.0;
    return String.format(
        Locale.ROOT,
        "%d scanned, %d copied, %d skipped, %d failed, %s, %s, %s elapsed",
        tally.get(Counter.SCANNED),
        tally.get(Counter.COPIED) + tally.get(Counter.LINKED),
        tally.get(Counter.SKIPPED),
        tally.get(Counter.FAILED),
        Units.bytes(bytes),
        Units.rate(bytes / secs),
        Units.elapsed(elapsed));
  }

  /**
   * A row per worker thread (a thread that ended, or every thread when {@code closing}, finishes
   * its row), then a row per job.
   */
  BoardRenderer.Snapshot snapshot(boolean closing) {
    Instant now = clock.instant();
    double dt = Math.max(Duration.between(lastTick, now).toMillis(), 1) / 1000.0;
    lastTick = now;
    List<BoardRenderer.Row> rows = new ArrayList<>();
    List<Map.Entry<Thread, Tally.Worker>> workers = new ArrayList<>(tally.workers().entrySet());
    workers.sort(Map.Entry.comparingByKey(Comparator.comparing(Thread::getName)));
    for (Map.Entry<Thread, Tally.Worker> e : workers) {
      rows.add(workerRow(e.getKey(), e.getValue(), dt, closing));
    }
    new TreeMap<>(tally.jobs())
        .forEach(
            (id, job) -> {
              if (job.over()) {
                tally.jobs().remove(id);
              }
              rows.add(new BoardRenderer.Row(id, "  " + job.line(), "", job.mark(), job.over()));
            });
    return new BoardRenderer.Snapshot(
        rows, "ferry " + command + ": " + totals(), tally.latestErrors());
  }

  /** A worker's row: its rate and current item, or what it did once its thread has ended. */
  private BoardRenderer.Row workerRow(Thread t, Tally.Worker w, double dt, boolean closing) {
    long total = w.bytes.sum();
    long items = w.items.sum();
    long before = lastBytes.getOrDefault(t, total);
    lastBytes.put(t, total);
    String key = t.getName() + "#" + t.getId();
    if (closing || !t.isAlive()) {
      tally.workers().remove(t);
      lastBytes.remove(t);
      String done =
          String.format(
              Locale.ROOT, "  %-16s done: %d items, %s", t.getName(), items, Units.bytes(total));
      return new BoardRenderer.Row(key, done, "", 0, true);
    }
    RelPath cur = w.current;
    String head =
        String.format(Locale.ROOT, "  %-16s %12s", t.getName(), Units.rate((total - before) / dt));
    return new BoardRenderer.Row(key, head, cur == null ? "" : cur.display(), total + items, false);
  }
}
