package dev.ferry.cli;

import dev.ferry.mover.task.Pass;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code ferry verify SRC DST}. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Compare SRC and DST contents; list every difference.")
final class VerifyCommand extends MoverCommand {
  VerifyCommand(FerryCommand root) {
    super(root);
  }

  @Override
  List<Pass> passes() {
    return List.of(Pass.VERIFY);
  }
}
