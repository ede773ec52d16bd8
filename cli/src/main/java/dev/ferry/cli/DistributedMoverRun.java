package dev.ferry.cli;

import dev.ferry.mover.amqp.BrokerSettings;
import dev.ferry.mover.amqp.DistributedPasses;
import dev.ferry.mover.amqp.JobStatus;
import dev.ferry.mover.engine.PassConfig;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ferry copy|delete|dirtimes|sync|verify SRC DST} with a broker: publishes the job (one per
 * pass, chained), prints its id on stdout and, with {@code --wait}, a progress line on stderr every
 * two seconds and the outcome of each pass; the exit code is then the jobs' outcome.
 */
final class DistributedMoverRun {
  private DistributedMoverRun() {}

  static int run(
      CommandSpec spec,
      FerryCommand root,
      BrokerSettings broker,
      PassConfig cfg,
      MoverOptions options,
      boolean await)
      throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Clock clock = Clock.systemUTC();
    DistributedPasses.Outcome outcome =
        DistributedPasses.run(
            broker,
            BrokerOptions.filesystems(root.settings()),
            new DistributedPasses.Request(
                cfg, options.source.toString(), options.target.toString(), await),
            clock,
            id -> {
              out.println(id);
              out.flush();
            },
            s -> {
              err.println(StatusView.progress(s, clock.millis()));
              err.flush();
            });
    for (JobStatus s : outcome.finals()) {
      s.failures().stream().limit(20).forEach(f -> err.println("  failed: " + f));
    }
    err.flush();
    return outcome.finals().isEmpty() || outcome.clean() ? ExitCode.OK : ExitCode.FAILED;
  }
}
