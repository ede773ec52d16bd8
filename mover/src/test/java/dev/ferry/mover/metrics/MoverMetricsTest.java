package dev.ferry.mover.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MoverMetricsTest {
  private PrometheusMeterRegistry registry;
  private MoverMetrics metrics;

  @BeforeEach
  void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.throwExceptionOnRegistrationFailure();
    metrics = new MoverMetrics(registry);
  }

  private String scrape() {
    return registry.scrape();
  }

  /** The value of the one sample whose line starts with {@code series} (name and labels). */
  private double sample(String series) {
    return Arrays.stream(scrape().split("\n"))
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + scrape()));
  }

  @Test
  void fileCountersUsePrometheusNamesAndOnlyLowCardinalityLabels() {
    PassMetrics copy = metrics.pass("copy", "panda");
    copy.fileCopied(1000);
    copy.fileCopied(24);
    copy.fileSkipped(7);
    copy.fileFailed();
    copy.directoryCreated();
    metrics.pass("delete", "panda").fileDeleted();

    assertEquals(
        2, sample("ferry_files_total{filesystem=\"panda\",pass=\"copy\",result=\"copied\"}"));
    assertEquals(
        1, sample("ferry_files_total{filesystem=\"panda\",pass=\"copy\",result=\"skipped\"}"));
    assertEquals(
        1, sample("ferry_files_total{filesystem=\"panda\",pass=\"copy\",result=\"failed\"}"));
    assertEquals(
        1, sample("ferry_files_total{filesystem=\"panda\",pass=\"delete\",result=\"deleted\"}"));
    assertEquals(1024, sample("ferry_copied_bytes_total{filesystem=\"panda\",pass=\"copy\"}"));
    assertEquals(7, sample("ferry_skipped_bytes_total{filesystem=\"panda\",pass=\"copy\"}"));
    assertEquals(1, sample("ferry_created_directories_total{filesystem=\"panda\",pass=\"copy\"}"));
  }

  @Test
  void passCountersAreSharedBetweenCallers() {
    metrics.pass("copy", "root").fileCopied(5);
    metrics.pass("copy", "root").bytesCopied(5);
    assertEquals(
        1, sample("ferry_files_total{filesystem=\"root\",pass=\"copy\",result=\"copied\"}"));
    assertEquals(10, sample("ferry_copied_bytes_total{filesystem=\"root\",pass=\"copy\"}"));
  }

  @Test
  void tasksAreTimedCountedAndTrackedInFlight() {
    TaskTimer running = metrics.startTask("directory");
    assertEquals(1, sample("ferry_tasks_in_flight"));
    try (TaskTimer t = metrics.startTask("files")) {
      t.result("ok");
      assertEquals(2, sample("ferry_tasks_in_flight"));
    }
    running.close();
    running.close(); // closing twice records once

    assertEquals(0, sample("ferry_tasks_in_flight"));
    assertEquals(1, sample("ferry_tasks_total{result=\"ok\",type=\"files\"}"));
    assertEquals(1, sample("ferry_tasks_total{result=\"failed\",type=\"directory\"}"));
    assertEquals(1, sample("ferry_task_duration_seconds_count{type=\"files\"}"));
    assertEquals(1, sample("ferry_task_duration_seconds_bucket{type=\"files\",le=\"+Inf\"}"));
    assertTrue(scrape().contains("ferry_task_duration_seconds_bucket{type=\"files\",le=\"1.0\"}"));
  }

  @Test
  void redeliveriesDeadLettersAndLustreAvailability() {
    AtomicBoolean loaded = new AtomicBoolean(false);
    metrics.lustreLibrary(loaded::get);
    metrics.redelivered("files");
    metrics.redelivered("files");
    metrics.deadLettered("chunk");

    assertEquals(2, sample("ferry_task_redeliveries_total{type=\"files\"}"));
    assertEquals(1, sample("ferry_dead_lettered_tasks_total{type=\"chunk\"}"));
    assertEquals(0, sample("ferry_lustre_library_available"));
    loaded.set(true);
    assertEquals(1, sample("ferry_lustre_library_available"));
  }

  @Test
  void disabledMetricsAcceptEveryCallAndExportNothing() {
    MoverMetrics off = MoverMetrics.disabled();
    off.pass("copy", "root").fileCopied(1);
    try (TaskTimer t = off.startTask("files")) {
      t.result("ok");
    }
    off.redelivered("files");
    var counters = off.registry().find("ferry.files").counters();
    assertFalse(counters.isEmpty());
    assertTrue(
        counters.stream().allMatch(c -> c.count() == 0), "a disabled registry records nothing");
  }
}
