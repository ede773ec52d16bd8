package dev.ferry.mover.report;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.RelPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a person watching sees while a run goes on. On a terminal: a board redrawn in place, a line
 * per worker thread (current item and rate), a totals line and the latest errors. Otherwise: a
 * plain progress line every {@link #PLAIN_PERIOD}.
 */
public final class StatusBoard implements AutoCloseable {
  static final Duration BOARD_PERIOD = Duration.ofMillis(500);
  static final Duration PLAIN_PERIOD = Duration.ofSeconds(5);
  private static final int WIDTH = 110;

  private final Console console;
  private final Tally tally;
  private final Clock clock;
  private final Instant start;
  private final String command;
  private final Map<Thread, Long> lastBytes = new HashMap<>();
  private final Thread thread;
  private volatile boolean stopped;
  private Instant lastTick;

  private StatusBoard(Console console, Tally tally, Clock clock, String command) {
    this.console = console;
    this.tally = tally;
    this.clock = clock;
    this.command = command;
    this.start = clock.instant();
    this.lastTick = start;
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
        console.board(boardLines());
      } else {
        console.progress("ferry " + command + ": " + totals());
      }
    }
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

  List<String> boardLines() {
    Instant now = clock.instant();
    double dt = Math.max(Duration.between(lastTick, now).toMillis(), 1) / 1000.0;
    lastTick = now;
    List<String> lines = new ArrayList<>();
    tally.workers().entrySet().removeIf(e -> !e.getKey().isAlive());
    tally.workers().entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> a.getName().compareTo(b.getName())))
        .forEach(
            e -> {
              long total = e.getValue().bytes.sum();
              long before = lastBytes.getOrDefault(e.getKey(), total);
              lastBytes.put(e.getKey(), total);
              RelPath cur = e.getValue().current;
              String line =
                  String.format(
                      Locale.ROOT,
                      "  %-16s %12s  %s",
                      e.getKey().getName(),
                      Units.rate((total - before) / dt),
                      cur == null ? "" : cur.display());
              lines.add(fit(line));
            });
    lines.add(fit("ferry " + command + ": " + totals()));
    for (String err : tally.latestErrors()) {
      lines.add(fit("  ! " + err));
    }
    return lines;
  }

  private static String fit(String s) {
    return s.length() <= WIDTH ? s : s.substring(0, WIDTH - 1) + "…";
  }
}
