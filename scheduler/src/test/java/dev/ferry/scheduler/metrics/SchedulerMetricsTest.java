package dev.ferry.scheduler.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ferry.scheduler.metrics.SchedulerMetrics.RunResult;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulerMetricsTest {
  private PrometheusMeterRegistry registry;
  private SchedulerMetrics metrics;

  @BeforeEach
  void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.throwExceptionOnRegistrationFailure();
    metrics = new SchedulerMetrics(registry);
  }

  private double sample(String series) {
    String text = registry.scrape();
    return Arrays.stream(text.split("\n"))
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + text));
  }

  @Test
  void migrationsByStateReplaceThePreviousRun() {
    metrics.migrationsByState(Map.of("RUNNING", 3L, "NONSCHEDULED", 40L));
    assertEquals(3, sample("ferry_migrations{state=\"RUNNING\"}"));
    assertEquals(40, sample("ferry_migrations{state=\"NONSCHEDULED\"}"));

    metrics.migrationsByState(Map.of("RUNNING", 5L, "LIVE", 1L));
    assertEquals(5, sample("ferry_migrations{state=\"RUNNING\"}"));
    assertEquals(1, sample("ferry_migrations{state=\"LIVE\"}"));
    assertFalse(registry.scrape().contains("NONSCHEDULED"), registry.scrape());
  }

  @Test
  void startsAndRunsAreCountedByResult() {
    metrics.start(true);
    metrics.start(true);
    metrics.start(false);
    assertEquals(2, sample("ferry_migration_starts_total{result=\"started\"}"));
    assertEquals(1, sample("ferry_migration_starts_total{result=\"failed\"}"));
  }

  @Test
  void onlyFullySuccessfulRunsMoveTheLastSuccessTime() {
    assertEquals(0, sample("ferry_schedule_last_success_timestamp_seconds"));
    metrics.runEnded(RunResult.OK, Instant.ofEpochSecond(1_700_000_000L));
    metrics.runEnded(RunResult.PARTIAL, Instant.ofEpochSecond(1_700_000_300L));
    metrics.runEnded(RunResult.UNAVAILABLE, Instant.ofEpochSecond(1_700_000_600L));
    assertEquals(1.7e9, sample("ferry_schedule_last_success_timestamp_seconds"));
    assertEquals(1, sample("ferry_schedule_runs_total{result=\"ok\"}"));
    assertEquals(1, sample("ferry_schedule_runs_total{result=\"partial\"}"));
    assertEquals(1, sample("ferry_schedule_runs_total{result=\"unavailable\"}"));
  }
}
