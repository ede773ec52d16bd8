package dev.ferry.scheduler.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The scheduler's metrics, registered in an injected {@link MeterRegistry}. Exported series (as the
 * Prometheus registry names them):
 *
 * <ul>
 *   <li>{@code ferry_migrations{state}}: migrations LDM reported in each state at the last run
 *   <li>{@code ferry_migration_starts_total{result}}: result is {@code started} or {@code failed}
 *   <li>{@code ferry_schedule_runs_total{result}}: result is {@code ok}, {@code partial} (some
 *       starts failed) or {@code unavailable} (LDM could not be listed)
 *   <li>{@code ferry_schedule_last_success_timestamp_seconds}: Unix time of the last run that
 *       listed LDM and started everything it meant to; 0 before the first
 * </ul>
 *
 * <p>Every labelled series exists at zero from the start: Prometheus' {@code increase()} needs a
 * sample before the first increment, or the first failed start of a watch would raise no alert.
 */
public final class SchedulerMetrics {
  private final MeterRegistry registry;
  private final MultiGauge migrations;
  private final Counter started;
  private final Counter failed;
  private final Map<RunResult, Counter> runs = new EnumMap<>(RunResult.class);
  private final AtomicLong lastSuccessSeconds = new AtomicLong();

  /** Registers the scheduler's meters in {@code registry}. */
  public SchedulerMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    migrations =
        MultiGauge.builder("ferry.migrations")
            .description("Migrations in each LDM state at the last scheduler run")
            .register(registry);
    Gauge.builder("ferry.schedule.last.success.timestamp", lastSuccessSeconds, AtomicLong::get)
        .baseUnit("seconds")
        .description("Unix time of the last scheduler run that fully succeeded")
        .register(registry);
    started = startCounter("started");
    failed = startCounter("failed");
    for (RunResult result : RunResult.values()) {
      runs.put(
          result,
          Counter.builder("ferry.schedule.runs")
              .description("Scheduler runs, by result")
              .tag("result", result.label())
              .register(registry));
    }
  }

  private Counter startCounter(String result) {
    return Counter.builder("ferry.migration.starts")
        .description("Start requests sent to LDM, by result")
        .tag("result", result)
        .register(registry);
  }

  /** Metrics that go nowhere: for runs without {@code --metrics-port}, and for tests. */
  public static SchedulerMetrics disabled() {
    return new SchedulerMetrics(new CompositeMeterRegistry());
  }

  /** The registry these meters live in. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Replaces the per-state counts with those of this run; states absent now disappear from the
   * export rather than keep a stale value.
   */
  public void migrationsByState(Map<String, Long> countByState) {
    migrations.register(
        countByState.entrySet().stream()
            .map(e -> MultiGauge.Row.of(Tags.of("state", e.getKey()), e.getValue()))
            .collect(Collectors.toList()),
        true);
  }

  /** One start request, {@code started} or {@code failed}. */
  public void start(boolean ok) {
    (ok ? started : failed).increment();
  }

  /** One scheduler run ended; {@code ok} runs also move the last-success time. */
  public void runEnded(RunResult result, Instant at) {
    runs.get(result).increment();
    if (result == RunResult.OK) {
      lastSuccessSeconds.set(at.getEpochSecond());
    }
  }

  /** How a scheduler run ended, as a metric label. */
  public enum RunResult {
    OK("ok"),
    PARTIAL("partial"),
    UNAVAILABLE("unavailable");

    private final String label;

    RunResult(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }
}
