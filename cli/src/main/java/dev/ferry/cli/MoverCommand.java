package dev.ferry.cli;

import dev.ferry.mover.engine.Mover;
import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.report.Console;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Pass;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the five mover commands share: build the config, run the mover, map the outcome. */
abstract class MoverCommand implements Callable<Integer> {
  private final FerryCommand root;

  @Spec CommandSpec spec;

  @Mixin MoverOptions options;

  MoverCommand(FerryCommand root) {
    this.root = root;
  }

  /** The passes this command runs, in order. */
  abstract List<Pass> passes();

  @Override
  public Integer call() throws InterruptedException {
    PassConfig cfg = options.config(spec.name(), passes(), root.settings());
    boolean terminal = System.console() != null && !"dumb".equals(root.env().get("TERM"));
    Console console =
        new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), terminal);
    RunSummary summary = new Mover(Clock.systemUTC()).run(cfg, console);
    return summary.clean() ? ExitCode.OK : ExitCode.FAILED;
  }
}
