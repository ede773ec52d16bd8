package dev.ferry.cli;

import dev.ferry.mover.task.Pass;
import java.util.List;
import picocli.CommandLine.Command;

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

  @Override
  List<Pass> passes() {
    return List.of(Pass.COPY);
  }
}
