package dev.ferry.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.amqp.TestBroker;
import dev.ferry.mover.amqp.TopologyCleanup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A distributed copy on the real broker, with queues of its own: {@code ferry copy --broker}
 * submits the job, then a {@code ferry worker --metrics-port 0} runs it, and is scraped once every
 * file is copied.
 */
final class WorkerRun implements AutoCloseable {
  private final Path dir;
  private final String uri = TestBroker.uri();
  private final String prefix = TestBroker.uniqueName("ferry-obs");
  private String lastJob;

  WorkerRun(Path dir) {
    this.dir = dir;
  }

  /** The id of the job {@link #copy} ran last. */
  String lastJob() {
    return lastJob;
  }

  /** The task queue's name. */
  String taskQueue() {
    return prefix + ".tasks";
  }

  Map<String, String> env() {
    return Map.of(
        "FERRY_BROKER", uri, "FERRY_BROKER_PREFIX", prefix, "FERRY_BROKER_PATIENCE", "10");
  }

  /** Sums every sample of {@code name} whose labels contain {@code labels}. */
  static double sum(String scrape, String name, String labels) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + "{") && l.contains(labels))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Copies {@code src} (holding {@code files} files) to {@code dst}; returns the final scrape. */
  String copy(Path src, Path dst, int files) throws Exception {
    // Submitted first, then the worker starts: its scrape covers the whole job.
    String job = run("copy", src.toString(), dst.toString()).strip();
    lastJob = job;
    try (MetricsProcess worker =
        MetricsProcess.start(dir, env(), "worker", "--threads", "2", "--metrics-port", "0")) {
      String scrape =
          worker.scrapeUntil(
              body -> sum(body, "ferry_files_total", "result=\"copied\"") == files,
              Duration.ofSeconds(60));
      // Follows the job to its end (deferred directory tasks included); exit 0: it succeeded.
      run("status", job, "--watch", "--interval", "1");
      assertEquals(0, worker.stop(), worker.stderr());
      return scrape;
    }
  }

  /** Runs a client command to its end, expecting exit 0; returns its stdout. */
  private String run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(System.getProperty("ferry.binary")));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("FERRY_"));
    pb.environment().putAll(env());
    Path out = Files.createTempFile(dir, "client", ".out");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ferry " + args[0] + " did not end");
    String err = new String(p.getErrorStream().readAllBytes());
    String stdout = Files.readString(out);
    assertEquals(0, p.exitValue(), "ferry " + String.join(" ", args) + "\n" + stdout + err);
    return stdout;
  }

  @Override
  public void close() throws Exception {
    TopologyCleanup.delete(uri, prefix);
  }
}
