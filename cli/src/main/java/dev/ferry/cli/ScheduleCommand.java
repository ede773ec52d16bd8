package dev.ferry.cli;

import dev.ferry.scheduler.Outcome;
import dev.ferry.scheduler.RunContext;
import dev.ferry.scheduler.Scheduler;
import dev.ferry.scheduler.SchedulerConfig;
import dev.ferry.scheduler.WatchStop;
import dev.ferry.scheduler.metrics.SchedulerMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry schedule}: keeps at most N LDM migrations running; see README "ferry schedule". */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Keep at most N LiveData Migrator migrations running (RUNNING, SCHEDULED or STARTING) and"
          + " start NONSCHEDULED ones in priority-list order, then oldest first.",
      "Run it from cron every few minutes, or stay running with --watch."
    },
    footer = {
      "",
      "Environment: FERRY_LDM_ENDPOINT, FERRY_LDM_USERNAME, FERRY_LDM_PASSWORD.",
      "Config file: [ldm] endpoint, username, password-file, timeout, cacert, insecure;"
          + " [schedule] howmany, priority-list, lock-file.",
      "Exit codes: 0 done; 1 some starts failed; 2 bad usage or config; 3 LDM unreachable or"
          + " refusing; 4 another run holds the lock; 130 interrupted."
    })
final class ScheduleCommand implements Callable<Integer> {
  private final FerryCommand root;

  @Spec CommandSpec spec;

  @Option(
      names = "--howmany",
      paramLabel = "N",
      description = "Most migrations occupying a slot (required).")
  Integer howmany;

  @Option(
      names = "--priority-list",
      paramLabel = "FILE",
      description = "Source paths, one per line, highest priority first; # comments allowed.")
  Path priorityList;

  @Option(names = "--username", paramLabel = "U", description = "LDM user for Basic auth.")
  String username;

  @Option(
      names = "--password",
      paramLabel = "P",
      arity = "0..1",
      fallbackValue = ASK,
      description = "LDM password; prompts (echo off) when given without a value.")
  char[] password;

  /** What picocli stores when --password has no value: ask for it. */
  static final String ASK = "\0ask";

  @Option(
      names = "--password-file",
      paramLabel = "F",
      description = "Read the LDM password from the first line of F.")
  Path passwordFile;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "LDM base URL (default: http://localhost:18080).")
  String endpoint;

  @Option(names = "--dry-run", description = "Report what would be started; start nothing.")
  boolean dryRun;

  @Option(names = "--json", description = "Print each run's summary as one JSON object.")
  boolean json;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Limit for each request to LDM (default: 30).")
  Integer timeout;

  @Option(names = "--insecure", description = "Do not verify LDM's TLS certificate.")
  boolean insecure;

  @Option(names = "--cacert", paramLabel = "PEM", description = "Also trust this CA certificate.")
  Path caCert;

  @Option(
      names = "--lock-file",
      paramLabel = "FILE",
      description =
          "Run lock (default: $XDG_RUNTIME_DIR/ferry-schedule.lock, else in the temp dir).")
  Path lockFile;

  @Option(
      names = "--watch",
      paramLabel = "INTERVAL",
      converter = IntervalConverter.class,
      description = "Stay running and act every INTERVAL (e.g. 30s, 5m), for systemd.")
  Duration watch;

  @Mixin MetricsOptions metrics = new MetricsOptions();

  ScheduleCommand(FerryCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    SchedulerConfig config = ScheduleSettings.config(this, root.settings(), root.env());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunContext ctx =
        new RunContext(out, err, Clock.systemUTC(), root.debug, ProcessHandle.current().pid());
    WatchStop stop = new WatchStop();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = config.watching() ? stopOnShutdown(stop, finished) : null;
    try (Telemetry telemetry = telemetry(config, err)) {
      SchedulerMetrics schedulerMetrics = new SchedulerMetrics(telemetry.registry());
      Outcome outcome = new Scheduler(config, ctx, schedulerMetrics).run(stop);
      return outcome == Outcome.DONE ? ExitCode.OK : ExitCode.FAILED;
    } finally {
      finished.countDown();
      removeHook(hook);
    }
  }

  // A single run exits long before Prometheus scrapes it, so only --watch serves metrics; a port
  // in the shared config file must not break the cron runs that read the same file.
  private Telemetry telemetry(SchedulerConfig config, PrintWriter err) {
    if (config.watching()) {
      return metrics.open(root.settings(), err);
    }
    if (metrics.port != null) {
      throw new UsageException("--metrics-port needs --watch: a single run exits before a scrape");
    }
    return Telemetry.off();
  }

  // SIGTERM (systemctl stop) runs shutdown hooks: let the current cycle finish, then let go.
  private static Thread stopOnShutdown(WatchStop stop, CountDownLatch finished) {
    Thread hook =
        new Thread(
            () -> {
              stop.request();
              try {
                finished.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ferry-schedule-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeHook(Thread hook) {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running and waits for us.
    }
  }
}
