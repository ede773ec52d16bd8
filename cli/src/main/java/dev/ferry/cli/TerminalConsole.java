package dev.ferry.cli;

import dev.ferry.mover.report.Console;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Builds the run's {@link Console} from the environment: a live board only when stdout is a
 * terminal and TERM is not {@code dumb}; no bold or faint under NO_COLOR; the width from COLUMNS
 * (the shell does not always export it, hence a default).
 */
final class TerminalConsole {
  private TerminalConsole() {}

  static Console open(PrintWriter out, PrintWriter err, Map<String, String> env) {
    boolean terminal = System.console() != null && !"dumb".equals(env.get("TERM"));
    String noColor = env.get("NO_COLOR");
    boolean styled = noColor == null || noColor.isEmpty();
    return new Console(out, err, terminal, styled, width(env.get("COLUMNS")));
  }

  static int width(String columns) {
    try {
      int n = columns == null ? 0 : Integer.parseInt(columns.trim());
      return n >= 20 && n <= 1000 ? n : Console.DEFAULT_WIDTH;
    } catch (NumberFormatException e) {
      return Console.DEFAULT_WIDTH;
    }
  }
}
