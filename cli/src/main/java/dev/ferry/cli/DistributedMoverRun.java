package dev.ferry.cli;

import dev.ferry.mover.amqp.BrokerSettings;
import dev.ferry.mover.amqp.DistributedPasses;
import dev.ferry.mover.amqp.JobStatus;
import dev.ferry.mover.engine.Mover;
import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.lustre.LustreOptions;
import dev.ferry.mover.report.Console;
import dev.ferry.mover.report.StatusBoard;
import dev.ferry.mover.report.Tally;
import dev.ferry.mover.task.Counter;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ferry copy|delete|dirtimes|sync|verify SRC DST} with a broker: publishes the job (one per
 * pass, chained), prints its id on stdout and, with {@code --wait}, shows the embedded mode's
 * progress board and summary, fed from the ledger; the exit code is then the jobs' outcome.
 */
final class DistributedMoverRun {
  private DistributedMoverRun() {}

  static int run(
      CommandSpec spec,
      FerryCommand root,
      BrokerSettings broker,
      PassConfig cfg,
      MoverOptions options,
      Optional<LustreOptions> lustre,
      boolean await)
      throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Console console = TerminalConsole.open(out, spec.commandLine().getErr(), root.env());
    Tally tally = new Tally(console, cfg.command(), true);
    Clock clock = Clock.systemUTC();
    LedgerFeed feed = new LedgerFeed(tally, console, out, clock, !cfg.json());
    Instant start = clock.instant();
    DistributedPasses.Outcome outcome;
    StatusBoard board = await ? StatusBoard.start(console, tally, clock, cfg.command()) : null;
    try {
      outcome =
          DistributedPasses.run(
              broker,
              BrokerOptions.filesystems(root.settings()),
              new DistributedPasses.Request(
                  cfg, options.source.toString(), options.target.toString(), await, lustre),
              clock,
              feed);
    } finally {
      if (board != null) {
        board.close();
      }
    }
    if (!await) {
      return ExitCode.OK;
    }
    Mover.summarize(cfg, Duration.between(start, clock.instant()), tally, console);
    return outcome.clean() ? ExitCode.OK : ExitCode.FAILED;
  }

  /** Turns successive job states into the counter deltas and failure lines the tally expects. */
  private static final class LedgerFeed implements DistributedPasses.Follower {
    private final Tally tally;
    private final Console console;
    private final PrintWriter out;
    private final Map<String, Map<String, Long>> seen = new HashMap<>();
    private final Queue<Line> lines = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private final boolean printDifferences;

    LedgerFeed(
        Tally tally, Console console, PrintWriter out, Clock clock, boolean printDifferences) {
      this.tally = tally;
      this.console = console;
      this.out = out;
      this.clock = clock;
      this.printDifferences = printDifferences;
    }

    private record Line(String text, boolean difference) {}

    @Override
    public void published(String jobId) {
      console.line(false, jobId); // above the board, when one is live: never under it
      out.flush();
    }

    /** Queued here: the fold counts lines on the broker client's thread. */
    @Override
    public void line(String job, String text, boolean difference) {
      lines.add(new Line(text, difference));
    }

    @Override
    public void notice(String text) {
      console.line(true, "ferry: " + text);
    }

    @Override
    public void progress(JobStatus s) {
      Map<String, Long> before = seen.computeIfAbsent(s.jobId(), k -> new HashMap<>());
      for (Counter c : Counter.values()) {
        String key = c.name().toLowerCase(Locale.ROOT);
        long delta = s.counter(key) - before.getOrDefault(key, 0L);
        if (delta != 0) {
          tally.count(c, delta);
          before.put(key, s.counter(key));
        }
      }
      String deadKey = "dead-lettered tasks";
      long dead = s.failedTasks() - before.getOrDefault(deadKey, 0L);
      if (dead > 0) {
        tally.count(Counter.FAILED, dead); // whole tasks the workers could not run
        before.put(deadKey, (long) s.failedTasks());
      }
      // Every line as it was folded, not the job's kept ones: a dry run may list millions.
      for (Line l = lines.poll(); l != null; l = lines.poll()) {
        if (!l.difference()) {
          console.line(true, "ferry: " + l.text());
        } else if (printDifferences) {
          console.line(false, l.text());
        }
      }
      long mark = s.finishedTasks() + s.counter("bytes");
      tally.job(s.jobId(), StatusView.progress(s, clock.millis()), mark, s.state().terminal());
      if (s.state().terminal() && !console.terminal()) {
        console.progress(s.jobId() + " " + s.state().name().toLowerCase(Locale.ROOT));
      }
    }
  }
}
