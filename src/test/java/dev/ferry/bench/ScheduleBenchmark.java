package dev.ferry.bench;

import dev.ferry.scheduler.sim.LdmSimulator;
import dev.ferry.scheduler.sim.SimFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of one {@code ferry schedule} run against 10,000 migrations, JVM start included, as
 * cron would see it. Not a test: run it by hand (see docs/benchmarks.md).
 *
 * <p>Arguments: {@code [BINARY [RUNS [MIGRATIONS]]]}, default {@code cli/target/ferry 11 10000}.
 * Each run gets a fresh simulator with the same data (about 200 RUNNING, so {@code --howmany 250}
 * starts about 50), so every run does the same work: list, order, 50 starts, summary.
 */
public final class ScheduleBenchmark {
  private static final Path TIME = Path.of("/usr/bin/time");

  private ScheduleBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path binary = Path.of(args.length > 0 ? args[0] : "cli/target/ferry").toAbsolutePath();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 11;
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    Path scratch = Files.createTempDirectory("ferry-schedule-bench-");
    Path priorities =
        Files.write(scratch.resolve("priority.txt"), SimFixtures.largePriorities(count));
    System.out.printf(
        "ferry schedule: %d runs against %d migrations, %s, %d CPUs, %s%n",
        runs,
        count,
        System.getProperty("java.vm.version"),
        Runtime.getRuntime().availableProcessors(),
        binary);
    once(binary, scratch, priorities, count); // warm-up: page cache and the simulator's JIT
    List<Long> wall = new ArrayList<>();
    List<Long> cpu = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long[] ms = once(binary, scratch, priorities, count);
      wall.add(ms[0]);
      cpu.add(ms[1]);
      System.out.printf("run %2d: %5d ms wall, %5d ms CPU%n", i + 1, ms[0], ms[1]);
    }
    System.out.println("wall: " + summary(wall) + "; CPU (user+sys): " + summary(cpu));
    try (var files = Files.list(scratch)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(scratch);
  }

  private static String summary(List<Long> values) {
    List<Long> v = new ArrayList<>(values);
    Collections.sort(v);
    return String.format(
        "median %d ms, min %d ms, max %d ms", v.get(v.size() / 2), v.get(0), v.get(v.size() - 1));
  }

  /** One timed run: {wall ms, CPU ms (-1 without /usr/bin/time)}. */
  private static long[] once(Path binary, Path scratch, Path priorities, int count)
      throws IOException, InterruptedException {
    try (LdmSimulator sim = LdmSimulator.start()) {
      SimFixtures.large(sim, count);
      sim.cacheListBody();
      String body = sim.endpoint() + "/migrations";
      warm(body);
      List<String> command = new ArrayList<>();
      // The CPU time of the ferry process tells more than wall time on a shared, busy machine.
      if (Files.isExecutable(TIME)) {
        command.addAll(List.of(TIME.toString(), "-f", "cpu %U %S"));
      }
      command.addAll(
          List.of(
              binary.toString(),
              "schedule",
              "--howmany",
              "250",
              "--priority-list",
              priorities.toString(),
              "--endpoint",
              sim.endpoint().toString(),
              "--lock-file",
              scratch.resolve("bench.lock").toString()));
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectOutput(scratch.resolve("out.txt").toFile())
              .redirectError(scratch.resolve("err.txt").toFile());
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "ferry failed: " + Files.readString(scratch.resolve("err.txt")));
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (sim.startRequests().isEmpty()) {
        throw new IllegalStateException("ferry started nothing; the benchmark is not measuring");
      }
      return new long[] {ms, cpuMillis(Files.readAllLines(scratch.resolve("err.txt")))};
    }
  }

  private static long cpuMillis(List<String> err) {
    for (String line : err) {
      if (line.startsWith("cpu ")) {
        String[] f = line.split(" ");
        return Math.round((Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000);
      }
    }
    return -1;
  }

  // Serves the list once before timing: the body is then cached, so what is timed is ferry.
  private static void warm(String url) throws IOException, InterruptedException {
    var http = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build();
    http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
  }
}
