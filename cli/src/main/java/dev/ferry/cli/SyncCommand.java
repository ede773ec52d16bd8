package dev.ferry.cli;

import dev.ferry.mover.task.Pass;
import java.util.List;
import picocli.CommandLine.Command;

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

  @Override
  List<Pass> passes() {
    return List.of(Pass.COPY, Pass.DELETE, Pass.DIRTIMES);
  }
}
