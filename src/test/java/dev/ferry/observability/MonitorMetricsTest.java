package dev.ferry.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry monitor} against the real broker, after a real distributed copy. */
class MonitorMetricsTest {
  @TempDir Path dir;

  @Test
  void monitorExportsJobProgressAndQueueDepthsFromTheBroker() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/a"));
    for (int f = 0; f < 7; f++) {
      Files.writeString(src.resolve("f" + f), "x".repeat(f * 10));
    }
    try (WorkerRun run = new WorkerRun(dir)) {
      run.copy(dir.resolve("src"), dir.resolve("dst"), 7);
      String job = "{job=\"" + run.lastJob() + "\"}";
      try (MetricsProcess monitor =
          MetricsProcess.start(dir, run.env(), "monitor", "--port", "0", "--interval", "1s")) {
        String scrape =
            monitor.scrapeUntil(
                body ->
                    body.contains(
                        "ferry_job_state{job=\"" + run.lastJob() + "\",state=\"succeeded\"} 1.0"),
                Duration.ofSeconds(60));
        assertTrue(scrape.contains("ferry_job_copied_files" + job + " 7.0"), scrape);
        assertTrue(scrape.contains("ferry_job_copied_bytes" + job + " 210.0"), scrape);
        assertTrue(scrape.contains("ferry_job_failed_items" + job + " 0.0"), scrape);
        String expected = value(scrape, "ferry_job_expected_tasks" + job);
        assertEquals(expected, value(scrape, "ferry_job_finished_tasks" + job), scrape);
        assertTrue(
            scrape.contains("ferry_queue_ready_messages{queue=\"" + run.taskQueue() + "\"} 0.0"),
            scrape);
        assertEquals(0, monitor.stop(), monitor.stderr());
      }
    }
  }

  private static String value(String scrape, String series) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .map(l -> l.substring(series.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + series + " in\n" + scrape));
  }
}
