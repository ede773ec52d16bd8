package dev.ferry.cli;

import dev.ferry.mover.task.Pass;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code ferry dirtimes SRC DST}. */
@Command(
    name = "dirtimes",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Set directory times in DST from SRC, deepest first.")
final class DirtimesCommand extends MoverCommand {
  DirtimesCommand(FerryCommand root) {
    super(root);
  }

  @Override
  List<Pass> passes() {
    return List.of(Pass.DIRTIMES);
  }
}
