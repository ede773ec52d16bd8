package dev.ferry.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code ferry worker --metrics-port} on the real broker runs a job submitted with {@code
 * ferry copy --broker}; its scrape counts the copied files and carries the AMQP client's own
 * metrics.
 */
class WorkerMetricsTest {
  @TempDir Path dir;

  @Test
  void aWorkerExportsWhatItCopiedAndTheAmqpClientMetrics() throws Exception {
    Path src = dir.resolve("src");
    int files = 0;
    for (int d = 0; d < 3; d++) {
      Path sub = Files.createDirectories(src.resolve("d" + d));
      for (int f = 0; f < 10; f++) {
        Files.writeString(sub.resolve("f" + f), "content " + d + "/" + f);
        files++;
      }
    }
    Path dst = dir.resolve("dst");
    String scrape;
    try (WorkerRun run = new WorkerRun(dir)) {
      scrape = run.copy(src, dst, files);
    }
    assertEquals(files, WorkerRun.sum(scrape, "ferry_files_total", "result=\"copied\""));
    assertTrue(WorkerRun.sum(scrape, "ferry_tasks_total", "result=\"ok\"") > 0, scrape);
    assertTrue(scrape.contains("ferry_tasks_in_flight 0.0"), scrape);
    assertTrue(scrape.contains("ferry_task_redeliveries_total 0.0"), scrape);
    assertTrue(scrape.contains("ferry_dead_lettered_tasks_total 0.0"), scrape);
    assertTrue(scrape.contains("rabbitmq_consumed_total"), scrape);
    assertTrue(scrape.contains("rabbitmq_acknowledged_total"), scrape);
    assertTrue(scrape.contains("rabbitmq_published_total"), scrape);
    assertFalse(scrape.contains(src.toString()), "no path becomes a label");
    try (var s = Files.walk(dst)) {
      assertEquals(files, s.filter(Files::isRegularFile).count());
    }
  }
}
