package dev.ferry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.mover.amqp.BrokerSettings;
import dev.ferry.mover.amqp.JobClient;
import dev.ferry.mover.amqp.JobStatus;
import dev.ferry.mover.report.BoardRenderer;
import dev.ferry.mover.report.Console;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry status}: the state of distributed jobs, folded from the ledger stream. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show the state of distributed jobs (all of them, or one), from any node.",
      "",
      "Example: ferry status --broker amqp://mover-mq:5672 20261125-101500-3fa2c1 --watch"
    },
    footer = {
      "",
      "Exit codes: 0 shown (with JOB: the job succeeded or is still running); 1 JOB failed or",
      "was cancelled; 2 usage error or unknown JOB; 3 broker unreachable."
    })
final class StatusCommand implements Callable<Integer> {
  private final FerryCommand root;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin BrokerOptions broker;

  @Parameters(arity = "0..1", paramLabel = "JOB", description = "One job; default: every job.")
  String job;

  @Option(
      names = "--watch",
      description = "Show again every --interval until interrupted (or JOB ends).")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      defaultValue = "2",
      description = "Seconds between two views with --watch (default: ${DEFAULT-VALUE}).")
  int interval;

  @Option(names = "--json", description = "One JSON document per view.")
  boolean json;

  StatusCommand(FerryCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    if (interval < 1) {
      throw new UsageException("--interval must be at least 1 second");
    }
    BrokerSettings settings = broker.required(root.settings());
    PrintWriter out = spec.commandLine().getOut();
    Console console = TerminalConsole.open(out, spec.commandLine().getErr(), root.env());
    boolean live = watch && !json && console.terminal();
    BoardRenderer renderer = console.renderer();
    Clock clock = Clock.systemUTC();
    try (JobClient client = JobClient.connect(settings, clock, "ferry-status")) {
      while (true) {
        List<JobStatus> shown = view(client);
        if (live) {
          console.board(renderer.render(StatusView.board(shown, clock.millis()), clock.instant()));
        } else if (json) {
          out.println(Json.MAPPER.writeValueAsString(job == null ? shown : shown.get(0)));
        } else {
          StatusView.print(out, shown, job != null, clock.millis());
        }
        out.flush();
        boolean over = job != null && shown.get(0).state().terminal();
        if (!watch || over) {
          if (live) {
            console.clearBoard();
            StatusView.print(out, shown, job != null, clock.millis());
          }
          return job == null || ok(shown.get(0)) ? ExitCode.OK : ExitCode.FAILED;
        }
        Thread.sleep(Duration.ofSeconds(interval).toMillis());
      }
    }
  }

  private List<JobStatus> view(JobClient client) throws InterruptedException {
    Duration patience = Duration.ofSeconds(30);
    if (job == null) {
      return client.snapshot(patience).statuses();
    }
    Optional<JobStatus> s = client.status(job, patience);
    if (s.isEmpty()) {
      throw new UsageException("no job " + job + " in the ledger");
    }
    return List.of(s.get());
  }

  private static boolean ok(JobStatus s) {
    return s.state() == JobStatus.State.SUCCEEDED || !s.state().terminal();
  }

  /**
   * Created on first use, not with the command: picocli instantiates every subcommand at start-up,
   * and building an ObjectMapper there cost every ferry run ~300 classes (a tenth of a second).
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }
}
