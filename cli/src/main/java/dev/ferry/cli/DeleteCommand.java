package dev.ferry.cli;

import dev.ferry.mover.task.Pass;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code ferry delete SRC DST}. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Remove from DST what is definitely absent from SRC.")
final class DeleteCommand extends MoverCommand {
  DeleteCommand(FerryCommand root) {
    super(root);
  }

  @Override
  List<Pass> passes() {
    return List.of(Pass.DELETE);
  }
}
