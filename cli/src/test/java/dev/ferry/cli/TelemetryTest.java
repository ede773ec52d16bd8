package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.metrics.MoverMetrics;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.Pass;
import dev.ferry.scheduler.metrics.SchedulerMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(Telemetry t, String path, String method) throws Exception {
    InetSocketAddress a = t.address().orElseThrow();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesCoreJvmAndProcessMetricsOverHttp() throws Exception {
    try (Telemetry t = Telemetry.serve(new InetSocketAddress("127.0.0.1", 0))) {
      new MoverMetrics(t.registry()).pass(Pass.COPY, "root").count(Counter.BYTES, 4096);
      new SchedulerMetrics(t.registry()).start(true);

      HttpResponse<String> r = get(t, "/metrics", "GET");
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      String body = r.body();
      assertTrue(
          body.contains("ferry_copied_bytes_total{filesystem=\"root\",pass=\"copy\"} 4096.0"),
          body);
      assertTrue(body.contains("ferry_migration_starts_total{result=\"started\"} 1.0"), body);
      for (String name :
          new String[] {
            "jvm_memory_used_bytes",
            "jvm_threads_live_threads",
            "jvm_gc_",
            "jvm_classes_loaded_classes",
            "process_cpu_usage",
            "process_uptime_seconds",
            "process_files_open_files",
            "system_cpu_count"
          }) {
        assertTrue(body.contains(name), name + " missing from\n" + body);
      }
    }
  }

  @Test
  void answersOnlyGetOnTheMetricsPath() throws Exception {
    try (Telemetry t = Telemetry.serve(new InetSocketAddress("127.0.0.1", 0))) {
      assertEquals(404, get(t, "/metricsx", "GET").statusCode());
      assertEquals(404, get(t, "/", "GET").statusCode());
      HttpResponse<String> post = get(t, "/metrics", "POST");
      assertEquals(405, post.statusCode());
      assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
      assertEquals(200, get(t, "/metrics", "HEAD").statusCode());
    }
  }

  @Test
  void closingStopsTheEndpoint() throws Exception {
    Telemetry t = Telemetry.serve(new InetSocketAddress("127.0.0.1", 0));
    int port = t.address().orElseThrow().getPort();
    t.close();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
    assertThrows(IOException.class, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void aPortInUseIsAConfigurationError() throws Exception {
    try (Telemetry first = Telemetry.serve(new InetSocketAddress("127.0.0.1", 0))) {
      int port = first.address().orElseThrow().getPort();
      UsageException e =
          assertThrows(
              UsageException.class,
              () -> Telemetry.serve(new InetSocketAddress("127.0.0.1", port)));
      assertTrue(
          e.getMessage().contains("cannot serve metrics on 127.0.0.1:" + port), e.getMessage());
    }
  }

  @Test
  void offRecordsNothingAndServesNothing() {
    try (Telemetry t = Telemetry.off()) {
      new MoverMetrics(t.registry()).pass(Pass.COPY, "root").count(Counter.COPIED, 1);
      assertTrue(t.address().isEmpty());
      assertTrue(
          t.registry().find("ferry.files").counters().stream().allMatch(c -> c.count() == 0));
    }
  }

  @Test
  void portComesFromFlagThenEnvironmentThenConfig(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("ferry.toml");
    Files.writeString(config, "[metrics]\nport = 0\naddress = \"127.0.0.1\"\n");
    StringWriter err = new StringWriter();
    Settings settings = Settings.load(config, Map.of(), dir, dir);
    try (Telemetry t = new MetricsOptions().open(settings, new PrintWriter(err))) {
      assertTrue(t.address().isPresent());
      assertTrue(
          err.toString().startsWith("ferry: serving metrics on http://127.0.0.1:"), err.toString());
    }

    Settings badEnv = Settings.load(config, Map.of("FERRY_METRICS_PORT", "70000"), dir, dir);
    UsageException e =
        assertThrows(
            UsageException.class, () -> new MetricsOptions().open(badEnv, new PrintWriter(err)));
    assertEquals("FERRY_METRICS_PORT: metrics port must be 0..65535, not 70000", e.getMessage());

    MetricsOptions flag = new MetricsOptions();
    flag.port = -1;
    e = assertThrows(UsageException.class, () -> flag.open(settings, new PrintWriter(err)));
    assertEquals("--metrics-port: metrics port must be 0..65535, not -1", e.getMessage());
  }

  @Test
  void noPortAnywhereMeansMetricsOff(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    try (Telemetry t = new MetricsOptions().open(Settings.of(Map.of()), new PrintWriter(err))) {
      assertFalse(t.address().isPresent());
      assertEquals("", err.toString());
    }
  }

  @Test
  void aFinishedRunWaitsForOneMoreScrapeThenLetsGo() throws Exception {
    try (Telemetry t = Telemetry.serve(new InetSocketAddress("127.0.0.1", 0))) {
      Thread scraper =
          new Thread(
              () -> {
                try {
                  Thread.sleep(200);
                  get(t, "/metrics", "GET");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      scraper.start();
      long start = System.nanoTime();
      t.awaitFinalScrape(java.time.Duration.ofSeconds(30));
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      scraper.join();
      assertTrue(waitedMillis < 30_000, "released by the scrape, not the deadline");
    }
  }

  @Test
  void noScrapeMeansTheLingerEndsAtItsLimit() throws Exception {
    try (Telemetry t = Telemetry.serve(new InetSocketAddress("127.0.0.1", 0))) {
      long start = System.nanoTime();
      t.awaitFinalScrape(java.time.Duration.ofMillis(300));
      assertTrue(System.nanoTime() - start >= 300_000_000L);
    }
    try (Telemetry off = Telemetry.off()) {
      off.awaitFinalScrape(java.time.Duration.ofHours(1)); // returns at once: nothing to wait for
    }
  }
}
