package dev.ferry.cli;

import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.lustre.LustreOptions;
import dev.ferry.mover.report.Console;
import dev.ferry.mover.task.Pass;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry sync SRC DST}: copy, then delete, then dirtimes. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Copy, then delete, then dirtimes: make DST an identical copy of SRC.")
final class SyncCommand extends MoverCommand {
  SyncCommand(FerryCommand root) {
    super(root);
  }

  @Mixin LustreOptionsMixin lustre;

  @Override
  TargetCreator creator(PassConfig cfg, Console console) {
    return lustre.creator(settings(), cfg, console);
  }

  @Override
  Optional<LustreOptions> distributedLustre() {
    return Optional.of(lustre.forJob(settings(), options.source, options.target));
  }

  @Override
  List<Pass> passes() {
    return List.of(Pass.COPY, Pass.DELETE, Pass.DIRTIMES);
  }
}
