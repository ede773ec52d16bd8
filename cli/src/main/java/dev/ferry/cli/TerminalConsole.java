package dev.ferry.cli;

import dev.ferry.mover.report.Console;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds the run's {@link Console} from the environment: a live board only when stdout is a
 * terminal and TERM is not {@code dumb}; no bold or faint under NO_COLOR; the width from COLUMNS,
 * else from {@code stty size} on the terminal (shells rarely export COLUMNS), else a default.
 */
final class TerminalConsole {
  private TerminalConsole() {}

  static Console open(PrintWriter out, PrintWriter err, Map<String, String> env) {
    boolean terminal = System.console() != null && !"dumb".equals(env.get("TERM"));
    String noColor = env.get("NO_COLOR");
    boolean styled = noColor == null || noColor.isEmpty();
    int width = terminal ? width(env.get("COLUMNS")) : Console.DEFAULT_WIDTH;
    return new Console(out, err, terminal, styled, width);
  }

  private static int width(String columns) {
    int n = parse(columns);
    n = n > 0 ? n : parse(sttyColumns());
    return n > 0 ? n : Console.DEFAULT_WIDTH;
  }

  private static int parse(String columns) {
    try {
      int n = columns == null ? 0 : Integer.parseInt(columns.trim());
      return n >= 20 && n <= 1000 ? n : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The terminal's columns as {@code stty size} reports them, or null. */
  private static String sttyColumns() {
    try {
      Process p =
          new ProcessBuilder("stty", "size")
              .redirectInput(new File("/dev/tty"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String[] rowsColumns = new String(p.getInputStream().readAllBytes()).trim().split(" ");
      return p.exitValue() == 0 && rowsColumns.length == 2 ? rowsColumns[1] : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
