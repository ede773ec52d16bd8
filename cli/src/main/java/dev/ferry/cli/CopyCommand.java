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

/** {@code ferry copy SRC DST}. */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Copy what is new or changed from SRC into DST (like rsync -a SRC/ DST/).")
final class CopyCommand extends MoverCommand {
  CopyCommand(FerryCommand root) {
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
    return List.of(Pass.COPY);
  }
}
