package dev.ferry.scheduler.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ferry.scheduler.LdmConnection;
import dev.ferry.scheduler.Outcome;
import dev.ferry.scheduler.ReportFormat;
import dev.ferry.scheduler.RunContext;
import dev.ferry.scheduler.Scheduler;
import dev.ferry.scheduler.SchedulerConfig;
import dev.ferry.scheduler.WatchStop;
import dev.ferry.scheduler.metrics.SchedulerMetrics.RunResult;
import dev.ferry.scheduler.sim.LdmSimulator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void everyResultIsExportedAtZeroBeforeTheFirstRun() {
    assertEquals(0, sample("ferry_migration_starts_total{result=\"started\"}"));
    assertEquals(0, sample("ferry_migration_starts_total{result=\"failed\"}"));
    assertEquals(0, sample("ferry_schedule_runs_total{result=\"ok\"}"));
    assertEquals(0, sample("ferry_schedule_runs_total{result=\"partial\"}"));
    assertEquals(0, sample("ferry_schedule_runs_total{result=\"unavailable\"}"));
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

  @Test
  void aRealRunAgainstTheSimulatorIsRecorded(@TempDir Path dir) {
    try (LdmSimulator sim = LdmSimulator.start()) {
      sim.add("m-run", "/data/run", "RUNNING", "2021-09-01T00:00:00.000+0000");
      sim.add("m-a", "/data/a", "NONSCHEDULED", "2021-09-02T00:00:00.000+0000");
      String refused =
          sim.add("m-b", "/data/b", "NONSCHEDULED", "2021-09-03T00:00:00.000+0000").internalId();
      sim.add("m-c", "/data/c", "NONSCHEDULED", "2021-09-04T00:00:00.000+0000");
      sim.faults().startStatus(refused, 403);
      LdmConnection ldm =
          new LdmConnection(sim.endpoint(), null, null, Duration.ofSeconds(5), false, null);
      SchedulerConfig config =
          new SchedulerConfig(
              ldm, 3, null, dir.resolve("run.lock"), false, ReportFormat.TEXT, null);
      Instant now = Instant.parse("2026-11-25T12:00:00Z");
      StringWriter out = new StringWriter();
      RunContext ctx =
          new RunContext(
              new PrintWriter(out),
              new PrintWriter(out),
              Clock.fixed(now, ZoneOffset.UTC),
              false,
              1);

      Outcome outcome = new Scheduler(config, ctx, metrics).run(new WatchStop());

      assertEquals(Outcome.SOME_FAILED, outcome, out.toString());
      assertEquals(1, sample("ferry_migrations{state=\"RUNNING\"}"));
      assertEquals(3, sample("ferry_migrations{state=\"NONSCHEDULED\"}"));
      assertEquals(1, sample("ferry_migration_starts_total{result=\"started\"}"));
      assertEquals(1, sample("ferry_migration_starts_total{result=\"failed\"}"));
      assertEquals(1, sample("ferry_schedule_runs_total{result=\"partial\"}"));
      assertEquals(0, sample("ferry_schedule_last_success_timestamp_seconds"));

      sim.faults().clear();
      new Scheduler(config, ctx, metrics).run(new WatchStop());
      assertEquals(now.getEpochSecond(), sample("ferry_schedule_last_success_timestamp_seconds"));
      assertEquals(1, sample("ferry_schedule_runs_total{result=\"ok\"}"));
    }
  }
}
