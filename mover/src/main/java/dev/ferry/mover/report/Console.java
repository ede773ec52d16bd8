package dev.ferry.mover.report;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's output streams. On a terminal, item lines (failures, differences) scroll above a status
 * board that is redrawn in place; otherwise lines are printed as they come.
 */
public final class Console {
  /** Columns assumed when the terminal does not say (no COLUMNS). */
  public static final int DEFAULT_WIDTH = 80;

  /** How long a row stays bright after a change, and after how long without one it turns dim. */
  static final Duration BRIGHT_FOR = Duration.ofSeconds(1);

  static final Duration DIM_AFTER = Duration.ofSeconds(3);

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private final boolean styled;
  private final int width;
  private final List<String[]> pending = new ArrayList<>();
  private int boardLines;

  /** {@code terminal}: whether {@code out} is an interactive terminal (live board). */
  public Console(PrintWriter out, PrintWriter err, boolean terminal) {
    this(out, err, terminal, true, DEFAULT_WIDTH);
  }

  /**
   * As above; {@code styled}: bold and faint allowed (false under NO_COLOR); {@code width}: the
   * terminal's columns, which no board line exceeds (a wrapped line would break the redraw).
   */
  public Console(PrintWriter out, PrintWriter err, boolean terminal, boolean styled, int width) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.styled = styled;
    this.width = width;
  }

  public boolean terminal() {
    return terminal;
  }

  /** A renderer for this console's width and styling. */
  public BoardRenderer renderer() {
    return new BoardRenderer(width, styled, BRIGHT_FOR, DIM_AFTER);
  }

  /** An item line: on stderr when {@code error}, else on stdout. */
  public synchronized void line(boolean error, String text) {
    if (terminal && boardLines > 0) {
      pending.add(new String[] {error ? "e" : "o", text});
      return;
    }
    (error ? err : out).println(text);
  }

  /**
   * Redraws the board (terminal) in place: pending item lines and the frame's scrolled lines go
   * above it, once; then the live lines.
   */
  public synchronized void board(BoardRenderer.Frame frame) {
    if (boardLines > 0) {
      out.print("\033[" + boardLines + "A\033[J");
      out.flush();
    }
    flushPending();
    frame.scrolled().forEach(out::println);
    List<String> lines = frame.live();
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
