package dev.ferry.cli;

import dev.ferry.lustre.Lustre;
import dev.ferry.mover.engine.Mover;
import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.lustre.LustreOptions;
import dev.ferry.mover.metrics.MoverMetrics;
import dev.ferry.mover.report.Console;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Pass;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the five mover commands share: build the config, run the mover, map the outcome. */
abstract class MoverCommand implements Callable<Integer> {
  private final FerryCommand root;

  @Spec CommandSpec spec;

  @Mixin MoverOptions options;

  /** Distributed mode (see DistributedMoverRun): publish to the broker instead of copying here. */
  @Mixin BrokerOptions broker;

  @Mixin MetricsOptions metrics = new MetricsOptions();

  @Option(
      names = "--wait",
      description = "With a broker: follow the job to its end and exit with its outcome.")
  boolean await;

  MoverCommand(FerryCommand root) {
    this.root = root;
  }

  /** The passes this command runs, in order. */
  abstract List<Pass> passes();

  /** How target entries are created; copy and sync make it Lustre-aware. */
  TargetCreator creator(PassConfig cfg, Console console) {
    return new PosixTargetCreator();
  }

  /** The Lustre options a distributed job carries to its workers; copy and sync have them. */
  Optional<LustreOptions> distributedLustre() {
    return Optional.empty();
  }

  /** The resolved settings, for subclasses. */
  Settings settings() {
    return root.settings();
  }

  @Override
  public Integer call() throws InterruptedException {
    PassConfig cfg = options.config(spec.name(), passes(), root.settings());
    var brokerSettings = broker.settings(root.settings());
    if (brokerSettings.isPresent() && metrics.port != null) {
      throw new UsageException(
          "--metrics-port serves embedded runs; with a broker, the workers serve the metrics");
    }
    if (brokerSettings.isPresent()) {
      return DistributedMoverRun.run(
          spec, root, brokerSettings.get(), cfg, options, distributedLustre(), await);
    }
    if (await) {
      throw new UsageException("--wait needs a broker (--broker, FERRY_BROKER or [broker] uri)");
    }
    Console console =
        TerminalConsole.open(spec.commandLine().getOut(), spec.commandLine().getErr(), root.env());
    if (!metrics.configured(root.settings())) {
      // No endpoint: no registry and no metered handler, so Micrometer is not even loaded.
      return runHere(cfg, console, null);
    }
    try (Telemetry telemetry = metrics.open(root.settings(), spec.commandLine().getErr())) {
      MoverMetrics moverMetrics = new MoverMetrics(telemetry.registry());
      LustreSettings lustre = new LustreSettings(root.settings());
      moverMetrics.lustreLibrary(() -> Lustre.load(lustre.library()).available());
      int exit = runHere(cfg, console, moverMetrics);
      telemetry.awaitFinalScrape(metrics.linger(root.settings()));
      return exit;
    }
  }

  /** The embedded run; {@code moverMetrics} null when no metrics are served. */
  private int runHere(PassConfig cfg, Console console, MoverMetrics moverMetrics)
      throws InterruptedException {
    RunSummary summary =
        new Mover(Clock.systemUTC(), creator(cfg, console), moverMetrics)
            .itemPause(itemPause(root.env()))
            .run(cfg, console);
    return summary.clean() ? ExitCode.OK : ExitCode.FAILED;
  }

  /**
   * Test-only: FERRY_TEST_ITEM_PAUSE_MS holds each worker that long on every item, so the system
   * test of the status board can watch a small tree. Unset in real use.
   */
  private static Duration itemPause(Map<String, String> env) {
    String ms = env.get("FERRY_TEST_ITEM_PAUSE_MS");
    try {
      return ms == null ? Duration.ZERO : Duration.ofMillis(Math.max(0, Long.parseLong(ms)));
    } catch (NumberFormatException e) {
      throw new UsageException("FERRY_TEST_ITEM_PAUSE_MS must be a number of milliseconds");
    }
  }
}
