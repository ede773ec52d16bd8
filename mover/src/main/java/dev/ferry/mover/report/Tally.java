package dev.ferry.mover.report;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.ItemReport;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Adds up what the handlers of a run report: counters, failures and differences (each printed as it
 * happens, the first {@value #KEPT} kept for the summary), and what each worker thread is on.
 */
public final class Tally implements TaskSink {
  static final int KEPT = 10_000;
  private static final int LATEST = 5;

  /** What one worker thread is doing, for the board. */
  static final class Worker {
    volatile RelPath current;
    final LongAdder bytes = new LongAdder();
    final LongAdder items = new LongAdder();
  }

  /** A distributed job's line on the board, as the ledger last described it. */
  record Job(String line, long mark, boolean over) {}

  private final Map<Counter, LongAdder> counts = new EnumMap<>(Counter.class);
  private final Map<Thread, Worker> workers = new ConcurrentHashMap<>();
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final List<ItemReport> failures = new ArrayList<>();
  private final List<ItemReport> differences = new ArrayList<>();
  private final Deque<String> latestErrors = new ArrayDeque<>();
  private final Console console;
  private final String command;
  private final boolean printDifferences;
  private final long itemPauseMillis;

  public Tally(Console console, String command, boolean printDifferences) {
    this(console, command, printDifferences, Duration.ZERO);
  }

  /**
   * As above; {@code itemPause} (test-only, zero otherwise) holds each worker on every item, so a
   * system test can watch the board of a small tree.
   */
  public Tally(Console console, String command, boolean printDifferences, Duration itemPause) {
    this.console = console;
    this.command = command;
    this.printDifferences = printDifferences;
    this.itemPauseMillis = itemPause.toMillis();
    for (Counter c : Counter.values()) {
      counts.put(c, new LongAdder());
    }
  }

  @Override
  public void emit(Task child) {
    throw new IllegalStateException("the tally takes no tasks");
  }

  @Override
  public void finish(Task after) {
    throw new IllegalStateException("the tally takes no tasks");
  }

  @Override
  public void count(Counter counter, long delta) {
    counts.get(counter).add(delta);
  }

  @Override
  public void fail(RelPath path, String reason) {
    count(Counter.FAILED, 1);
    String line = "ferry " + command + ": " + path.display() + ": " + reason;
    synchronized (this) {
      if (failures.size() < KEPT) {
        failures.add(new ItemReport(path, reason));
      }
      latestErrors.addLast(path.display() + ": " + reason);
      if (latestErrors.size() > LATEST) {
        latestErrors.removeFirst();
      }
    }
    console.line(true, line);
  }

  @Override
  public void differ(RelPath path, String what) {
    count(Counter.DIFFERENT, 1);
    synchronized (this) {
      if (differences.size() < KEPT) {
        differences.add(new ItemReport(path, what));
      }
    }
    if (printDifferences) {
      console.line(false, what + ": " + path.display());
    }
  }

  @Override
  public void working(RelPath path) {
    Worker w = worker();
    w.current = path;
    w.items.increment();
    if (itemPauseMillis > 0) {
      try {
        Thread.sleep(itemPauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A distributed job's progress line; {@code mark} changes when it progresses, {@code over} once
   * it ended (its line then moves up off the board).
   */
  public void job(String id, String line, long mark, boolean over) {
    jobs.put(id, new Job(line, mark, over));
  }

  @Override
  public void moved(long bytes) {
    worker().bytes.add(bytes);
  }

  public long get(Counter c) {
    return counts.get(c).sum();
  }

  public synchronized List<ItemReport> failures() {
    return List.copyOf(failures);
  }

  public synchronized List<ItemReport> differences() {
    return List.copyOf(differences);
  }

  synchronized List<String> latestErrors() {
    return List.copyOf(latestErrors);
  }

  Map<Thread, Worker> workers() {
    return workers;
  }

  Map<String, Job> jobs() {
    return jobs;
  }

  /** All counters now. */
  public Map<Counter, Long> snapshot() {
    Map<Counter, Long> m = new EnumMap<>(Counter.class);
    counts.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  private Worker worker() {
    return workers.computeIfAbsent(Thread.currentThread(), t -> new Worker());
  }
}
