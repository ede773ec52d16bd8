package dev.ferry.cli;

import com.rabbitmq.client.impl.MicrometerMetricsCollector;
import dev.ferry.lustre.Lustre;
import dev.ferry.mover.amqp.BrokerSettings;
import dev.ferry.mover.amqp.EngineTaskProcessor;
import dev.ferry.mover.amqp.JobWarnings;
import dev.ferry.mover.amqp.MeteredTaskProcessor;
import dev.ferry.mover.amqp.NamedFilesystems;
import dev.ferry.mover.amqp.PassJobs;
import dev.ferry.mover.amqp.TaskWorker;
import dev.ferry.mover.amqp.WorkerNode;
import dev.ferry.mover.metrics.MoverMetrics;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code ferry worker}: runs tasks of distributed jobs until SIGTERM. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run tasks of distributed copy, delete and dirtimes jobs from the broker, on this node,",
      "until SIGTERM or SIGINT. Then stop taking tasks, let running ones finish within",
      "--stop-timeout, return the rest to the queue and exit (0 after SIGTERM).",
      "",
      "Filesystems are found by name ([filesystems.NAME] mount, write) in the config file.",
      "",
      "Example: ferry worker --broker amqp://mover-mq:5672 --threads 16"
    })
final class WorkerCommand implements Callable<Integer> {
  private final FerryCommand root;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin BrokerOptions broker;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Tasks run at once (env FERRY_THREADS, config worker.threads; default: cores x 2).")
  Integer threads;

  @Option(
      names = "--prefetch",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "Tasks each thread holds: one running, the others waiting to run or for their"
              + " confirms (default: ${DEFAULT-VALUE}; 1 when single tasks may take long).")
  int prefetch;

  @Option(
      names = "--stop-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "After SIGTERM, how long running tasks may take to finish (default: ${DEFAULT-VALUE}).")
  int stopTimeout;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "This worker in status (default: host:pid).")
  String name;

  @Mixin MetricsOptions metrics = new MetricsOptions();

  WorkerCommand(FerryCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    BrokerSettings settings = broker.required(root.settings());
    NamedFilesystems filesystems = BrokerOptions.filesystems(root.settings());
    int n =
        root.settings()
            .resolve(threads, "FERRY_THREADS", "worker.threads", Integer::parseInt)
            .orElse(Runtime.getRuntime().availableProcessors() * 2);
    if (stopTimeout < 0) {
      throw new UsageException("--stop-timeout must not be negative");
    }
    TaskWorker.Options options;
    try {
      options = new TaskWorker.Options(n, prefetch, name == null ? defaultName() : name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    CountDownLatch stop = new CountDownLatch(1);
    AtomicReference<String> signal = new AtomicReference<>();
    for (String sig : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(sig),
          s -> {
            signal.compareAndSet(null, s.getName());
            stop.countDown();
          });
    }
    PrintWriter err = spec.commandLine().getErr();
    Telemetry telemetry = metrics.open(root.settings(), err);
    MoverMetrics moverMetrics = new MoverMetrics(telemetry.registry());
    LustreSettings lustre = new LustreSettings(root.settings());
    moverMetrics.lustreLibrary(() -> Lustre.load(lustre.library()).available());
    String prefix = "ferry worker " + options.name() + ": ";
    JobWarnings warnings = new JobWarnings();
    EngineTaskProcessor.Handlers handlers =
        PassJobs.handlers(
            new WorkerLustre(
                root.settings(),
                line -> {
                  synchronized (err) {
                    err.println(prefix + line);
                    err.flush();
                  }
                },
                warnings));
    EngineTaskProcessor.Handlers metered =
        (job, attributes, roots) -> moverMetrics.metered(handlers.create(job, attributes, roots));
    WorkerNode node =
        WorkerNode.start(
            settings,
            jobs ->
                new MeteredTaskProcessor(
                    new EngineTaskProcessor(filesystems, jobs, metered, warnings), moverMetrics),
            options,
            Clock.systemUTC(),
            new MicrometerMetricsCollector(telemetry.registry(), "rabbitmq"));
    for (String problem : filesystems.unavailable()) {
      err.println(
          "ferry worker "
              + options.name()
              + ": warning: "
              + problem
              + "; its tasks go to other workers");
    }
    err.println(
        "ferry worker "
            + options.name()
            + ": running tasks from "
            + settings.redactedUri()
            + " with "
            + n
            + " threads");
    err.flush();
    stop.await();
    err.println("ferry worker " + options.name() + ": stopping (SIG" + signal.get() + ")");
    err.flush();
    boolean clean = node.stop(Duration.ofSeconds(stopTimeout));
    err.println(
        "ferry worker "
            + options.name()
            + ": stopped; "
            + node.tasks().done()
            + " tasks done"
            + (clean ? "" : ", unfinished tasks returned to the queue"));
    telemetry.close();
    return "INT".equals(signal.get()) ? ExitCode.INTERRUPTED : ExitCode.OK;
  }

  private String defaultName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + ":" + ProcessHandle.current().pid();
  }
}
