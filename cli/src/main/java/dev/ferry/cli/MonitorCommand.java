package dev.ferry.cli;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.ferry.mover.amqp.BrokerConnector;
import dev.ferry.mover.amqp.BrokerSettings;
import dev.ferry.mover.amqp.JobClient;
import dev.ferry.mover.amqp.JobMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code ferry monitor}: job-level progress and queue depths from the broker, for Prometheus. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve one Prometheus target for a whole installation: per job, expected and finished",
      "tasks, files and bytes copied, failures and state, read from the job ledger; and the",
      "depth of the task and dead-letter queues. Runs until SIGTERM or SIGINT.",
      "",
      "Example: ferry monitor --broker amqp://mover-mq:5672 --port 9467"
    })
final class MonitorCommand implements Callable<Integer> {
  private static final Duration KEEP_ENDED = Duration.ofHours(24);

  private final FerryCommand root;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin BrokerOptions broker;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Serve http://HOST:PORT/metrics (env FERRY_METRICS_PORT, config metrics.port).")
  Integer port;

  @Option(
      names = "--interval",
      paramLabel = "INTERVAL",
      converter = IntervalConverter.class,
      defaultValue = "15s",
      description = "How often to read the ledger and the queues (default: ${DEFAULT-VALUE}).")
  Duration interval;

  MonitorCommand(FerryCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    BrokerSettings settings = broker.required(root.settings());
    MetricsOptions metrics = new MetricsOptions();
    metrics.port = port;
    if (port == null
        && root.settings().env("FERRY_METRICS_PORT").isEmpty()
        && root.settings().configNode("metrics.port").isMissingNode()) {
      throw new UsageException("ferry monitor needs --port PORT (or [metrics] port)");
    }
    CountDownLatch stop = new CountDownLatch(1);
    for (String sig : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(sig), s -> stop.countDown());
    }
    PrintWriter err = spec.commandLine().getErr();
    Clock clock = Clock.systemUTC();
    try (Telemetry telemetry = metrics.open(root.settings(), err);
        JobClient jobs = JobClient.connect(settings, clock, "ferry-monitor");
        Connection queues = new BrokerConnector(settings, clock).connect("ferry-monitor", null)) {
      JobMetrics jobMetrics = new JobMetrics(telemetry.registry());
      do {
        jobMetrics.jobs(
            jobs.snapshot(Duration.ofSeconds(30)).statuses(), clock.millis(), KEEP_ENDED);
        jobMetrics.queues(depths(queues, settings));
      } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
    }
    return ExitCode.OK;
  }

  private static Map<String, long[]> depths(Connection c, BrokerSettings settings)
      throws IOException {
    Map<String, long[]> depths = new LinkedHashMap<>();
    for (String q :
        List.of(settings.topology().taskQueue(), settings.topology().deadLetterQueue())) {
      try (Channel ch = c.createChannel()) {
        AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive(q);
        depths.put(q, new long[] {ok.getMessageCount(), ok.getConsumerCount()});
      } catch (TimeoutException e) {
        throw new IOException(e);
      }
    }
    return depths;
  }
}
