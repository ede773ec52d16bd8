package dev.ferry.mover.metrics;

import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.TaskHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The mover's metrics, registered in an injected {@link MeterRegistry}. Names follow Prometheus
 * conventions once the Prometheus registry renders them ({@code ferry_} prefix, base units, {@code
 * _total} counters). Labels are only ever {@code pass}, {@code filesystem}, {@code type} and {@code
 * result}, each from a small fixed set: never a path, a job id or a worker name, so the number of
 * series stays bounded however many files a migration moves.
 *
 * <p>Exported series: the per-pass counters of {@link PassMetrics}, and
 *
 * <ul>
 *   <li>{@code ferry_tasks_total{type,result}} and {@code ferry_task_duration_seconds{type}} (a
 *       histogram); type is directory, files, chunk, delete or dirmeta; result ok or error
 *   <li>{@code ferry_tasks_in_flight}
 *   <li>{@code ferry_task_redeliveries_total}, {@code ferry_dead_lettered_tasks_total}
 *   <li>{@code ferry_lustre_library_available} (1 when liblustreapi is loaded, else 0)
 * </ul>
 */
public final class MoverMetrics {
  /** Histogram buckets of a task's duration: from a tiny file batch to a multi-GiB chunk. */
  private static final Duration[] TASK_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(250),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(30),
    Duration.ofMinutes(2),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30)
  };

  private final MeterRegistry registry;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentMap<String, PassMetrics> passes = new ConcurrentHashMap<>();
  private final Counter redeliveries;
  private final Counter deadLettered;

  /** Registers the mover's meters in {@code registry}. */
  public MoverMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    Gauge.builder("ferry.tasks.in.flight", inFlight, AtomicInteger::get)
        .description("Tasks being executed by this process right now")
        .register(registry);
    // Registered up front so that increase() sees the first one: a counter born at 1 hides it.
    redeliveries =
        Counter.builder("ferry.task.redeliveries")
            .description("Tasks delivered again (after a worker crash, a timeout or a retry)")
            .register(registry);
    deadLettered =
        Counter.builder("ferry.dead.lettered.tasks")
            .description("Tasks given up after too many deliveries (dead-lettered)")
            .register(registry);
  }

  /** Metrics that go nowhere: for runs without {@code --metrics-port}, and for tests. */
  public static MoverMetrics disabled() {
    return new MoverMetrics(new CompositeMeterRegistry());
  }

  /** The registry these meters live in. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Counters of one pass writing to one filesystem (its configured name, or the literal root name
   * for plain paths). Cached: call it freely.
   */
  public PassMetrics pass(Pass pass, String filesystem) {
    return passes.computeIfAbsent(
        pass.name() + '\0' + filesystem, k -> new PassMetrics(registry, pass, filesystem));
  }

  /** {@code handler}, with every task it runs timed and counted here. */
  public TaskHandler metered(TaskHandler handler) {
    return new MeteredHandler(handler, this);
  }

  /**
   * Marks one task as started; the returned handle records its end exactly once. Use it in a
   * try-with-resources block and call {@link TaskTimer#result} before it closes.
   */
  public TaskTimer startTask(String type) {
    return new TaskTimer(this, type, System.nanoTime());
  }

  /** A task arrived again after a crash, a timeout or a reject. */
  public void redelivered() {
    redeliveries.increment();
  }

  /** A task exhausted its deliveries and went to the dead-letter queue. */
  public void deadLettered() {
    deadLettered.increment();
  }

  /** Exports 1 while {@code available} says the Lustre library is loaded, else 0. */
  public void lustreLibrary(BooleanSupplier available) {
    Gauge.builder("ferry.lustre.library.available", available, a -> a.getAsBoolean() ? 1 : 0)
        .description("1 when liblustreapi is loaded and layouts are preserved, 0 otherwise")
        .register(registry);
  }

  void taskEnded(String type, String result, long nanos) {
    Counter.builder("ferry.tasks")
        .description("Tasks finished, by type and result")
        .tags("type", type, "result", result)
        .register(registry)
        .increment();
    Timer.builder("ferry.task.duration")
        .description("How long tasks take, by type")
        .tag("type", type)
        .serviceLevelObjectives(TASK_BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  AtomicInteger inFlight() {
    return inFlight;
  }
}
