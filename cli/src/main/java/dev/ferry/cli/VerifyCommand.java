package dev.ferry.cli;

import dev.ferry.mover.task.Pass;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code ferry verify SRC DST}. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compare SRC and DST: contents and the metadata copy preserves (mode, owner, mtime,"
          + " xattrs, ACLs, links); list every difference, one line each.",
      "Give it the copy's --no-* options and excludes: they turn the matching comparisons off."
    })
final class VerifyCommand extends MoverCommand {
  VerifyCommand(FerryCommand root) {
    super(root);
  }

  @Override
  List<Pass> passes() {
    return List.of(Pass.VERIFY);
  }
}
