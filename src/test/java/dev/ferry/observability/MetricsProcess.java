package dev.ferry.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code ferry} binary started with {@code --metrics-port 0}: reads the endpoint it
 * announces on stderr and scrapes it over HTTP, as Prometheus would.
 */
final class MetricsProcess implements AutoCloseable {
  private static final Pattern SERVING =
      Pattern.compile("serving metrics on (http://\\S+/metrics)");

  private final Process process;
  private final Path stdout;
  private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
  private final List<String> stderr = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private MetricsProcess(Process process, Path stdout) {
    this.process = process;
    this.stdout = stdout;
    Thread reader = new Thread(this::readStderr, "ferry-stderr");
    reader.setDaemon(true);
    reader.start();
  }

  static MetricsProcess start(Path workDir, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("ferry.binary"));
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("FERRY_"));
    pb.environment().put("FERRY_METRICS_ADDRESS", "127.0.0.1");
    pb.environment().putAll(env);
    Path stdout = Files.createTempFile(workDir, "stdout", ".txt");
    pb.redirectOutput(stdout.toFile());
    return new MetricsProcess(pb.start(), stdout);
  }

  private void readStderr() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (stderr) {
          stderr.add(line);
        }
        Matcher m = SERVING.matcher(line);
        if (m.find()) {
          endpoint.complete(URI.create(m.group(1)));
        }
      }
    } catch (IOException e) {
      endpoint.completeExceptionally(e);
    }
    endpoint.completeExceptionally(new IllegalStateException("stderr closed: " + stderr()));
  }

  String stderr() {
    synchronized (stderr) {
      return String.join("\n", stderr);
    }
  }

  /**
   * Scrapes until {@code ready} holds for the body (the run got far enough), then returns the next
   * scrape, or fails; for a process that keeps serving. The ready scrape itself may have run while
   * the process was recording: it can show a value recorded later and miss one recorded earlier
   * (the registry's collectors are a concurrent set, and its iteration is weakly consistent). The
   * next scrape starts after both.
   */
  String scrapeUntil(Predicate<String> ready, Duration patience) throws Exception {
    URI uri = endpoint.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    Instant deadline = Instant.now().plus(patience);
    String body = "";
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      body = r.body();
      if (r.statusCode() == 200 && ready.test(body)) {
        return scrape();
      }
      Thread.sleep(100);
    }
    return fail("the scrape never became ready; last body:\n" + body + "\nstderr:\n" + stderr());
  }

  /**
   * One scrape. A process with {@code --metrics-linger} exits after the first scrape that starts
   * after its run ended; this is that scrape.
   */
  String scrape() throws Exception {
    URI uri = endpoint.get(30, TimeUnit.SECONDS);
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  /**
   * Keeps scraping, as Prometheus would, until the process exits (a lingering run waits for a
   * scrape that starts after it finished); returns the exit code.
   */
  int scrapeUntilExit(Duration patience) throws Exception {
    URI uri = endpoint.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    Instant deadline = Instant.now().plus(patience);
    while (process.isAlive() && Instant.now().isBefore(deadline)) {
      try {
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        // The endpoint closes as the process exits.
      }
      process.waitFor(200, TimeUnit.MILLISECONDS);
    }
    return awaitExit(Duration.ofSeconds(5));
  }

  /** Waits for the process to end by itself; returns the exit code. */
  int awaitExit(Duration patience) throws InterruptedException {
    assertTrue(
        process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS),
        "ferry did not exit; stderr:\n" + stderr());
    return process.exitValue();
  }

  /** Waits until stdout holds a line that {@code done} accepts; returns all of stdout. */
  String awaitStdout(Predicate<String> done, Duration patience) throws Exception {
    Instant deadline = Instant.now().plus(patience);
    while (Instant.now().isBefore(deadline)) {
      String text = Files.readString(stdout);
      if (text.lines().anyMatch(done)) {
        return text;
      }
      if (!process.isAlive()) {
        return fail("ferry exited " + process.exitValue() + " early; stderr:\n" + stderr());
      }
      Thread.sleep(50);
    }
    return fail("no such line on stdout; stderr:\n" + stderr());
  }

  /** SIGTERM, as systemd stops a service; returns the exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ferry did not stop on SIGTERM");
    return process.exitValue();
  }

  /** The names of every sample in a Prometheus text exposition. */
  static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      if (end < 0) {
        end = line.indexOf(' ');
      }
      names.add(line.substring(0, end));
    }
    return names;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
