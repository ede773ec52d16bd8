package dev.ferry.bench;

import dev.ferry.mover.amqp.Topology;
import dev.ferry.mover.amqp.TopologyCleanup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Times the distributed path against the embedded one on the same tree, side by side: {@code ferry
 * copy SRC DST} and {@code ferry copy --wait SRC DST} through the broker to {@code --workers}
 * {@code ferry worker} processes on this machine, repetitions interleaved, each into a fresh target
 * that is then compared with the source. Wall time includes the JVM start of the client and a final
 * {@code sync -f} of the target's filesystem (not the broker's: on a real deployment the broker has
 * a disk of its own; here, give {@code --dir} another filesystem than {@code /var/lib/rabbitmq}'s
 * for the same effect); the workers are started once, before the untimed warm-up runs. The queues
 * carry a prefix of their own, deleted at the end. Run it with {@code
 * src/test/bench/run-distributed-bench.sh} (see docs/benchmarks.md).
 */
public final class DistributedBench {
  private static final Pattern JOB_ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{6}");

  private final DistributedBenchOptions opt;
  private final String prefix = "ferry-bench-" + HexFormat.of().formatHex(randomBytes(4));

  private DistributedBench(DistributedBenchOptions opt) {
    this.opt = opt;
  }

  public static void main(String[] args) throws Exception {
    DistributedBenchOptions opt;
    try {
      opt = DistributedBenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("DistributedBench: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.print(new DistributedBench(opt).run());
  }

  private String run() throws Exception {
    if (!Files.isExecutable(opt.ferry())) {
      throw new IOException(opt.ferry() + " is not executable: build it first (mvn package)");
    }
    Files.createDirectories(opt.dir());
    String loadBefore = BenchReport.loadAverage();
    Path src =
        new TreeGenerator(opt.seed())
            .smallFiles(opt.dir().resolve("small-src"), opt.files(), opt.dirs());
    List<Process> workers = new ArrayList<>();
    try {
      for (int i = 0; i < opt.workers(); i++) {
        workers.add(startWorker(i));
      }
      Samples embedded = new Samples();
      Samples distributed = new Samples();
      String lastJob = measure(src, embedded, distributed);
      String report = report(embedded, distributed, loadBefore, BenchReport.loadAverage());
      if (opt.timeline()) {
        report +=
            "\nLedger timeline of the last distributed run (job "
                + lastJob
                + "):\n"
                + LedgerTimeline.describe(
                    LedgerTimeline.read(
                        opt.broker(), Topology.named(prefix).ledgerStream(), lastJob),
                    100);
      }
      return report;
    } finally {
      stopWorkers(workers);
      TopologyCleanup.delete(opt.broker(), prefix);
    }
  }

  /**
   * One untimed, checked warm-up of each mode, then interleaved timed repetitions, each into a
   * target that did not exist (see {@link Targets}).
   */
  private String measure(Path src, Samples embedded, Samples distributed) throws IOException {
    String job = "";
    try (Targets targets = new Targets(opt.dir(), "dist-dst")) {
      for (boolean dist : new boolean[] {false, true}) {
        Path dst = targets.next();
        timed(dist, src, dst);
        checkIdentical(src, dst);
      }
      for (int r = 0; r < opt.reps(); r++) {
        for (int k = 0; k < 2; k++) {
          boolean dist = (r + k) % 2 == 0;
          Path dst = targets.next();
          Timed t = timed(dist, src, dst);
          checkIdentical(src, dst);
          (dist ? distributed : embedded).add(t.seconds());
          if (dist) {
            job = JOB_ID.matcher(t.output()).results().map(m -> m.group()).findFirst().orElse("");
          }
          System.err.printf(
              "  %-12s rep %d: %.2f s%n", dist ? "distributed" : "embedded", r + 1, t.seconds());
        }
      }
    }
    return job;
  }

  private record Timed(double seconds, String output) {}

  /**
   * Runs the copy into a new target and a sync, timed together. The embedded copy runs without the
   * broker's environment, which would make it submit a job instead.
   */
  private Timed timed(boolean distributed, Path src, Path dst) throws IOException {
    List<String> command =
        distributed
            ? List.of(opt.ferry().toString(), "copy", "--wait", src.toString(), dst.toString())
            : List.of(
                "env",
                "-u",
                "FERRY_BROKER",
                opt.ferry().toString(),
                "copy",
                src.toString(),
                dst.toString());
    Shell.sync();
    long t0 = System.nanoTime();
    Shell.Result r = Shell.run(command, distributed ? brokerEnv() : Map.of());
    if (r.exit() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + r.exit() + ":\n" + r.output());
    }
    Shell.syncFilesystem(dst);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Timed(seconds, r.output());
  }

  private static void checkIdentical(Path src, Path dst) throws IOException {
    Shell.Result diff =
        Shell.run(
            List.of("diff", "-rq", "--no-dereference", src.toString(), dst.toString()), Map.of());
    if (diff.exit() != 0) {
      throw new IOException("the copy differs from the source:\n" + diff.output());
    }
  }

  private Map<String, String> brokerEnv() {
    return Map.of("FERRY_BROKER", opt.broker(), "FERRY_BROKER_PREFIX", prefix);
  }

  private Process startWorker(int i) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(opt.ferry().toString(), "worker"));
    cmd.addAll(List.of("--name", "bench-" + (i + 1)));
    cmd.addAll(opt.workerArgs());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(opt.dir().resolve("worker-" + (i + 1) + ".log").toFile());
    pb.environment().putAll(brokerEnv());
    return pb.start();
  }

  /** SIGTERM, as systemd stops a worker; the workers are idle by now, so they exit at once. */
  private static void stopWorkers(List<Process> workers) throws InterruptedException {
    for (Process p : workers) {
      p.destroy();
    }
    for (Process p : workers) {
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private String report(Samples emb, Samples dist, String loadBefore, String loadAfter)
      throws IOException {
    double ratio = dist.median() / emb.median();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "### Distributed copy: %,d files of 1-16 KiB in %,d directories, %d workers (%s)%n%n",
            opt.files(),
            opt.dirs(),
            opt.workers(),
            opt.workerArgs().isEmpty() ? "default options" : String.join(" ", opt.workerArgs())));
    out.append(
        String.format(
            "Run at %s, load average %s at the start and %s at the end, binary %s, repository"
                + " at commit %s.%n%n",
            java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            loadBefore,
            loadAfter,
            opt.ferry(),
            BenchReport.commit()));
    out.append("| mode | median s | min s | max s | runs | files/s (median) |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    row(out, "`ferry copy` (embedded)", emb);
    row(out, "`ferry copy --wait` (broker)", dist);
    out.append(
        String.format(
            "%nRatio of the medians, distributed / embedded: **%.2f** (target at most 1.3); "
                + "distributed files per second end to end: **%,.0f** (target at least 5,000).%n",
            ratio, opt.files() / dist.median()));
    return out.toString();
  }

  private void row(StringBuilder out, String name, Samples s) {
    out.append(
        String.format(
            "| %s | %.2f | %.2f | %.2f | %d | %,.0f |%n",
            name, s.median(), s.min(), s.max(), s.count(), opt.files() / s.median()));
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }
}
