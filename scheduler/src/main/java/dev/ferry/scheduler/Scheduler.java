package dev.ferry.scheduler;

import dev.ferry.scheduler.metrics.SchedulerMetrics;
import dev.ferry.scheduler.metrics.SchedulerMetrics.RunResult;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code ferry schedule} entry point: takes the run lock, then lists migrations, decides with
 * {@link SchedulingPolicy} and starts what fits, once or every {@code --watch} interval.
 */
public final class Scheduler {
  private final SchedulerConfig config;
  private final RunContext ctx;
  private final ReportWriter writer;
  private final SchedulerMetrics metrics;

  public Scheduler(SchedulerConfig config, RunContext ctx) {
    this(config, ctx, SchedulerMetrics.disabled());
  }

  /** As above, recording each cycle in {@code metrics} (served by {@code --metrics-port}). */
  public Scheduler(SchedulerConfig config, RunContext ctx, SchedulerMetrics metrics) {
    this.config = config;
    this.ctx = ctx;
    this.writer = new ReportWriter(config.format());
    this.metrics = metrics;
  }

  /**
   * Runs once, or until {@code stop} is requested with {@code --watch}. Throws {@link
   * SchedulerConfigException}, {@link LockHeldException} or (for a single run) {@link
   * LdmServiceException} before anything is started.
   */
  public Outcome run(WatchStop stop) {
    priorities(); // a missing list is a config error now, not a failed cycle later
    if (config.ldm().insecure()) {
      ctx.warn(
          "warning: --insecure: the TLS certificate of "
              + config.ldm().endpoint()
              + " is not verified");
    }
    // A dry run changes nothing, so it may look while another run (or a watch) holds the lock.
    try (RunLock lock = config.dryRun() ? null : RunLock.acquire(config.lockFile(), ctx.pid());
        LdmClient client = new LdmClient(config.ldm(), ctx.debug() ? ctx::debugLine : null)) {
      return config.watching() ? watch(client, stop) : once(client);
    }
  }

  private Outcome once(LdmClient client) {
    RunReport report = runOnce(client, priorities());
    return report.anyFailed() ? Outcome.SOME_FAILED : Outcome.DONE;
  }

  private Outcome watch(LdmClient client, WatchStop stop) {
    Duration interval = config.watchInterval();
    while (!stop.requested()) {
      long started = System.nanoTime();
      try {
        runOnce(client, priorities());
      } catch (LdmServiceException | SchedulerConfigException e) {
        // Keep going: LDM restarting or a list being edited should not end the service.
        ctx.warn("this cycle did nothing: " + e.getMessage());
        metrics.runEnded(RunResult.UNAVAILABLE, ctx.clock().instant());
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      Duration wait = interval.minus(elapsed);
      if (stop.await(wait.isNegative() ? Duration.ZERO : wait)) {
        break;
      }
    }
    return Outcome.DONE;
  }

  /** One cycle: list, plan, start (or not, in a dry run), print the summary. */
  RunReport runOnce(LdmClient client, PriorityList priorities) {
    long t0 = System.nanoTime();
    List<Migration> migrations = client.list();
    metrics.migrationsByState(
        migrations.stream()
            .collect(
                Collectors.groupingBy(
                    m -> m.state() == null ? "UNKNOWN" : m.state(), Collectors.counting())));
    String time = ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString();
    long t1 = System.nanoTime();
    Plan plan = new SchedulingPolicy(config.howmany(), priorities).plan(migrations);
    ctx.debugLine(
        String.format(
            "listed %d migrations in %d ms, planned in %d ms",
            migrations.size(), millis(t1 - t0), millis(System.nanoTime() - t1)));
    Starts starts = config.dryRun() ? new Starts() : startAll(client, plan.toStart());
    RunReport report = report(time, plan, starts.started, starts.failed);
    metrics.runEnded(
        starts.failed.isEmpty() ? RunResult.OK : RunResult.PARTIAL, ctx.clock().instant());
    writer.write(report, ctx.out());
    if (!starts.failed.isEmpty()) {
      RunReport.Failure first = starts.failed.get(0);
      ctx.warn(
          String.format(
              "%d of %d starts failed; first: %s: %s",
              starts.failed.size(), plan.toStart().size(), first.name(), first.message()));
    }
    return report;
  }

  private record Starts(List<RunReport.Entry> started, List<RunReport.Failure> failed) {
    Starts() {
      this(new ArrayList<>(), new ArrayList<>());
    }
  }

  // Every chosen migration is attempted: one refusal must not strand the rest of the batch.
  private Starts startAll(LdmClient client, List<Migration> toStart) {
    long t0 = System.nanoTime();
    Starts starts = new Starts();
    for (Migration m : toStart) {
      StartResult r = client.start(m);
      metrics.start(r.ok());
      if (r.ok()) {
        starts.started.add(RunReport.Entry.of(m));
      } else {
        starts.failed.add(RunReport.Failure.of(r));
      }
    }
    ctx.debugLine(
        String.format(
            "%d start requests in %d ms", toStart.size(), millis(System.nanoTime() - t0)));
    return starts;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private RunReport report(
      String time, Plan plan, List<RunReport.Entry> started, List<RunReport.Failure> failed) {
    return new RunReport(
        time,
        config.ldm().endpoint().toString(),
        config.howmany(),
        config.dryRun(),
        plan.occupied().size(),
        plan.liveOrCompleted(),
        plan.queued().size(),
        entries(plan.occupied()),
        entries(plan.other()),
        started,
        config.dryRun() ? entries(plan.toStart()) : List.of(),
        failed);
  }

  private PriorityList priorities() {
    return config.priorityList() == null
        ? PriorityList.empty()
        : PriorityList.read(config.priorityList());
  }

  private static List<RunReport.Entry> entries(List<Migration> migrations) {
    return migrations.stream().map(RunReport.Entry::of).toList();
  }
}
