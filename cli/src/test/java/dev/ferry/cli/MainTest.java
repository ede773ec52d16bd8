package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
