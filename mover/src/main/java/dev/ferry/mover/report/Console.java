package dev.ferry.mover.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's output streams. On a terminal, item lines (failures, differences) scroll above a status
 * board that is redrawn in place; otherwise lines are printed as they come.
 */
public final class Console {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private final List<String[]> pending = new ArrayList<>();
  private int boardLines;

  /** {@code terminal}: whether {@code out} is an interactive terminal (live board). */
  public Console(PrintWriter out, PrintWriter err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  public boolean terminal() {
    return terminal;
  }

  /** An item line: on stderr when {@code error}, else on stdout. */
  public synchronized void line(boolean error, String text) {
    if (terminal && boardLines > 0) {
      pending.add(new String[] {error ? "e" : "o", text});
      return;
    }
    (error ? err : out).println(text);
  }

  /** Redraws the board (terminal): pending item lines first, then the board lines. */
  public synchronized void board(List<String> lines) {
    if (boardLines > 0) {
      out.print("\033[" + boardLines + "A\033[J");
      out.flush();
    }
    flushPending();
    for (String l : lines) {
      out.println(l);
    }
    out.flush();
    boardLines = lines.size();
  }

  /** Removes the board and prints whatever item lines are still pending. */
  public synchronized void clearBoard() {
    if (boardLines > 0) {
      out.print("\033[" + boardLines + "A\033[J");
      boardLines = 0;
    }
    flushPending();
    out.flush();
  }

  /** A progress line (not a terminal): printed on stderr so stdout stays the summary. */
  public synchronized void progress(String text) {
    err.println(text);
    err.flush();
  }

  /** The final summary, on stdout. */
  public synchronized void summary(String text) {
    out.println(text);
    out.flush();
  }

  private void flushPending() {
    for (String[] p : pending) {
      PrintWriter w = p[0].equals("e") ? err : out;
      w.println(p[1]);
      w.flush();
    }
    pending.clear();
  }
}
