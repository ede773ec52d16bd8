package dev.ferry.cli;

import dev.ferry.mover.amqp.BrokerSettings;
import dev.ferry.mover.amqp.JobClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry cancel}: records a cancellation that every worker honours. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel a distributed job: no further task of it runs; tasks already running finish.",
      "",
      "Example: ferry cancel --broker amqp://mover-mq:5672 20261125-101500-3fa2c1"
    })
final class CancelCommand implements Callable<Integer> {
  private final FerryCommand root;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin BrokerOptions broker;

  @Parameters(paramLabel = "JOB", description = "The job to cancel.")
  String job;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Shown by status.")
  String reason;

  CancelCommand(FerryCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    BrokerSettings settings = broker.required(root.settings());
    try (JobClient client = JobClient.connect(settings, Clock.systemUTC(), "ferry-cancel")) {
      if (client.status(job, Duration.ofSeconds(30)).isEmpty()) {
        throw new UsageException("no job " + job + " in the ledger");
      }
      client.cancel(
          job,
          reason == null
              ? "cancelled by " + root.env().getOrDefault("USER", "an operator")
              : reason);
    }
    spec.commandLine().getOut().println("cancelled " + job);
    return ExitCode.OK;
  }
}
