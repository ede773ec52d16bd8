package dev.ferry.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ferry.scheduler.sim.LdmSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric name in config/grafana/ferry-dashboard.json and config/prometheus/ferry-alerts.yml
 * must be one the packaged ferry really exports: each is checked against a scrape of a real run of
 * the binary. {@code up} is the only exception: Prometheus makes it per target.
 */
class DashboardMetricsTest {
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");
  private static final List<String> SCHEDULER_ALERTS =
      List.of("FerryScheduleStale", "FerryMigrationStartsFailing");

  // Every series exists at 0 from the start: the first run has ended when "ok" is 1 or more.
  private static final Pattern FIRST_RUN_ENDED =
      Pattern.compile("(?m)^ferry_schedule_runs_total\\{result=\"ok\"\\} [1-9]");

  @TempDir static Path dir;
  private static String scheduleScrape;
  private static String syncScrape;
  private static String verifyScrape;
  private static String workerScrape;
  private static String monitorScrape;

  /**
   * Embedded {@code ferry sync} (copy, delete, dirtimes) and {@code ferry verify} of a tree, and a
   * distributed copy of it run by a {@code ferry worker}.
   */
  @BeforeAll
  static void scrapeMoverRuns() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/a/b"));
    Files.writeString(src.resolve("f"), "ferry");
    Files.writeString(src.getParent().resolve("g"), "more");
    Path dst = dir.resolve("dst");
    MoverRun sync = MoverRun.run(dir, "sync", dir.resolve("src"), dst);
    sync.assertOk();
    syncScrape = sync.scrape();
    MoverRun verify = MoverRun.run(dir, "verify", dir.resolve("src"), dst);
    verify.assertOk();
    verifyScrape = verify.scrape();
    try (WorkerRun worker = new WorkerRun(dir)) {
      workerScrape = worker.copy(dir.resolve("src"), dir.resolve("dst-distributed"), 2);
      try (MetricsProcess monitor =
          MetricsProcess.start(dir, worker.env(), "monitor", "--port", "0", "--interval", "1s")) {
        monitorScrape =
            monitor.scrapeUntil(
                // Jobs and queues are read separately: wait for both.
                body ->
                    body.contains("ferry_job_state{")
                        && body.contains("ferry_queue_ready_messages{"),
                Duration.ofSeconds(60));
        assertEquals(0, monitor.stop(), monitor.stderr());
      }
    }
  }

  /** {@code ferry schedule --watch 1s --metrics-port 0} against the LDM simulator. */
  @BeforeAll
  static void scrapeAScheduleWatch() throws Exception {
    try (LdmSimulator ldm = LdmSimulator.start()) {
      ldm.add("m-run", "/data/run", "RUNNING", "2021-09-01T00:00:00.000+0000");
      ldm.add("m-a", "/data/a", "NONSCHEDULED", "2021-09-02T00:00:00.000+0000");
      ldm.add("m-b", "/data/b", "NONSCHEDULED", "2021-09-03T00:00:00.000+0000");
      try (MetricsProcess ferry =
          MetricsProcess.start(
              dir,
              Map.of(),
              "schedule",
              "--watch",
              "1s",
              "--howmany",
              "2",
              "--endpoint",
              ldm.endpoint().toString(),
              "--lock-file",
              dir.resolve("schedule.lock").toString(),
              "--metrics-port",
              "0")) {
        scheduleScrape =
            ferry.scrapeUntil(body -> FIRST_RUN_ENDED.matcher(body).find(), Duration.ofSeconds(60));
        // The JVM reports a SIGTERM stop as 143 (128 + 15); the systemd unit lists it as success.
        int code = ferry.stop();
        assertTrue(code == 0 || code == 143, "exit " + code + "\n" + ferry.stderr());
      }
      assertEquals(1, ldm.startRequests().size(), "one slot was free");
    }
  }

  @Test
  void theScheduleScrapeCountsWhatTheRunDid() {
    assertTrue(scheduleScrape.contains("ferry_migrations{state=\"RUNNING\"}"), scheduleScrape);
    assertTrue(
        scheduleScrape.contains("ferry_migration_starts_total{result=\"started\"} 1.0"),
        scheduleScrape);
    assertFalse(
        scheduleScrape.contains("ferry_schedule_last_success_timestamp_seconds 0.0"),
        scheduleScrape);
  }

  @Test
  void everyNameInTheDashboardAndTheAlertsIsExportedByARealRun() throws Exception {
    Set<String> exported = new TreeSet<>(MetricsProcess.sampleNames(scheduleScrape));
    exported.addAll(MetricsProcess.sampleNames(syncScrape));
    exported.addAll(MetricsProcess.sampleNames(verifyScrape));
    exported.addAll(MetricsProcess.sampleNames(workerScrape));
    exported.addAll(MetricsProcess.sampleNames(monitorScrape));
    assertMissingNone(MonitoringConfig.allMetricNames(), exported);
  }

  @Test
  void theSchedulerRowAndAlertsNeedOnlyAScheduleRun() throws Exception {
    Map<String, List<String>> rows = MonitoringConfig.dashboardQueries();
    Set<String> used = new TreeSet<>();
    used.addAll(MonitoringConfig.metricNames(rows.get("Scheduler: LiveData Migrator")));
    Map<String, String> alerts = MonitoringConfig.alertExpressions();
    for (String alert : SCHEDULER_ALERTS) {
      used.addAll(PromqlNames.of(alerts.get(alert)));
    }
    assertMissingNone(used, MetricsProcess.sampleNames(scheduleScrape));
  }

  @Test
  void theWorkerDownAlertWatchesAJobTheScrapeConfigDefines() throws Exception {
    JsonNode scrape = new YAMLMapper().readTree(MonitoringConfig.SCRAPE.toFile());
    Set<String> jobs = new HashSet<>();
    scrape.path("scrape_configs").forEach(j -> jobs.add(j.path("job_name").asText()));
    assertTrue(
        jobs.containsAll(Set.of("ferry-worker", "ferry-schedule", "ferry-copy", "ferry-monitor")),
        "" + jobs);
    assertTrue(
        MonitoringConfig.alertExpressions()
            .get("FerryWorkerDown")
            .contains("job=\"ferry-worker\""));
    assertEquals(
        List.of("ferry-alerts.yml"),
        List.of(scrape.path("rule_files").get(0).asText()),
        "prometheus.yml loads the alert rules next to it");
  }

  @Test
  void everyAlertHasASummaryAndTheThreeTheIssueAsksFor() throws Exception {
    Map<String, String> alerts = MonitoringConfig.alertExpressions();
    assertTrue(
        alerts
            .keySet()
            .containsAll(List.of("FerryNoProgress", "FerryFailuresRising", "FerryWorkerDown")),
        "" + alerts.keySet());
    JsonNode noProgress = rule("FerryNoProgress");
    assertEquals("30m", noProgress.path("for").asText(), "no progress for 30 minutes");
    for (JsonNode group : MonitoringConfig.alertRules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        assertFalse(
            rule.path("annotations").path("summary").asText().isBlank(),
            rule.path("alert").asText());
      }
    }
  }

  private static JsonNode rule(String alert) throws Exception {
    for (JsonNode group : MonitoringConfig.alertRules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (alert.equals(rule.path("alert").asText())) {
          return rule;
        }
      }
    }
    throw new AssertionError("no alert " + alert);
  }

  static void assertMissingNone(Set<String> used, Set<String> exported) {
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(exported);
    missing.removeAll(PROMETHEUS_OWN);
    assertTrue(missing.isEmpty(), "used in config/ but not exported: " + missing);
    assertFalse(used.isEmpty());
  }
}
