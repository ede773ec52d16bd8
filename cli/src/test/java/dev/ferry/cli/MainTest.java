package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), Map.of(), args);
  }

  @Test
  void versionNamesTheProjectVersion() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().startsWith("ferry 0."), out.toString());
  }

  @Test
  void helpListsSubcommandsAndExitCodes() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("generate-completion"), out.toString());
    assertTrue(out.toString().contains("Exit codes"), out.toString());
  }

  @Test
  void unknownOptionIsOneLineAndUsageExit() {
    assertEquals(ExitCode.USAGE, run("--no-such-flag"));
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().contains("--no-such-flag"), err.toString());
  }

  @Test
  void completionScriptIsBash() {
    assertEquals(0, run("generate-completion"));
    assertTrue(out.toString().contains("complete -F"), out.toString());
  }

  @Test
  void aNamedCommandIsTheOnlyOneRegisteredAndStillSeesGlobalOptions() {
    assertEquals(List.of(CopyCommand.class), FerryCommand.subcommandsFor("copy", "a", "b"));
    assertEquals(
        List.of(SyncCommand.class),
        FerryCommand.subcommandsFor("--config", "f.toml", "--debug", "sync", "a", "b"));
    assertEquals(List.of(VerifyCommand.class), FerryCommand.subcommandsFor("--config=x", "verify"));
    assertEquals(List.of(), FerryCommand.subcommandsFor("--version"));
    // Help, completion, a typo and no command at all see every subcommand.
    assertEquals(FerryCommand.SUBCOMMANDS, FerryCommand.subcommandsFor("help", "copy"));
    assertEquals(FerryCommand.SUBCOMMANDS, FerryCommand.subcommandsFor("generate-completion"));
    assertEquals(FerryCommand.SUBCOMMANDS, FerryCommand.subcommandsFor("cpy"));
    assertEquals(FerryCommand.SUBCOMMANDS, FerryCommand.subcommandsFor());
    // --debug given before the command is inherited by it: the error shows a stack trace.
    assertEquals(ExitCode.USAGE, run("--debug", "copy", "/nonexistent-src", "/tmp/nowhere"));
    assertTrue(err.toString().contains("at dev.ferry"), err.toString());
  }

  @Test
  void helpForOneCommandStillWorks() {
    assertEquals(0, run("help", "copy"));
    assertTrue(out.toString().startsWith("Usage: ferry copy"), out.toString());
  }
}
