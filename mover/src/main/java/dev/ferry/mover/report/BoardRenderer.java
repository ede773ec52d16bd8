package dev.ferry.mover.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a snapshot of what is going on into the text of one board frame, with no terminal I/O, so a
 * test can drive it with a fixed clock. A row is BRIGHT (bold) while its progress mark changed less
 * than {@code brightFor} ago and DIM (faint) once it has not changed for {@code dimAfter}. Rows
 * that finish (or vanish) move up: their last text is handed out once as a scrolled line. Every
 * piece of text is escaped ({@link #safe}) and every line fits {@code width} columns.
 */
public final class BoardRenderer {
  static final String BRIGHT = "\033[1m";
  static final String DIM = "\033[2m";
  static final String RESET = "\033[0m";
  private static final String ELLIPSIS = "…";

  /**
   * Rows shown at most; more are summed up in one line. A board taller than the screen could not be
   * redrawn in place (the cursor cannot move above the top row).
   */
  static final int MAX_ROWS = 20;

  /**
   * One active worker or job. {@code head} is shown whole (cut at the end if it must be), {@code
   * tail} (a path) is shortened in the middle to fit; a change of {@code mark} means progress.
   */
  public record Row(String key, String head, String tail, long mark, boolean finished) {}

  /** What to show: the active rows, the totals line and the latest errors. */
  public record Snapshot(List<Row> rows, String totals, List<String> errors) {}

  /** One frame: lines to print once above the board, then the board itself. */
  public record Frame(List<String> scrolled, List<String> live) {}

  private record Seen(long mark, Instant changedAt, String plain) {}

  private final int width;
  private final boolean styled;
  private final Duration brightFor;
  private final Duration dimAfter;
  private final Map<String, Seen> seen = new HashMap<>();
  private final Set<String> movedUp = new HashSet<>();

  public BoardRenderer(int width, boolean styled, Duration brightFor, Duration dimAfter) {
    this.width = Math.max(width, 20);
    this.styled = styled;
    this.brightFor = brightFor;
    this.dimAfter = dimAfter;
  }

  /** The frame for {@code snapshot} at {@code now}; remembers marks for the next frame. */
  public Frame render(Snapshot snapshot, Instant now) {
    List<String> scrolled = new ArrayList<>();
    List<String> live = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (Row row : snapshot.rows()) {
      String plain = line(row);
      if (row.finished()) {
        seen.remove(row.key());
        if (movedUp.add(row.key())) {
          scrolled.add(plain);
        }
        continue;
      }
      present.add(row.key());
      Seen before = seen.get(row.key());
      Instant changedAt = before == null || before.mark() != row.mark() ? now : before.changedAt();
      seen.put(row.key(), new Seen(row.mark(), changedAt, plain));
      live.add(style(plain, Duration.between(changedAt, now)));
    }
    seen.entrySet()
        .removeIf(
            e -> {
              boolean gone = !present.contains(e.getKey());
              if (gone && movedUp.add(e.getKey())) {
                scrolled.add(e.getValue().plain());
              }
              return gone;
            });
    if (live.size() > MAX_ROWS) {
      int more = live.size() - (MAX_ROWS - 1);
      live.subList(MAX_ROWS - 1, live.size()).clear();
      live.add(fit("  " + ELLIPSIS + " and " + more + " more", width));
    }
    live.add(fit(safe(snapshot.totals()), width));
    for (String error : snapshot.errors()) {
      live.add(fit("  ! " + safe(error), width));
    }
    return new Frame(List.copyOf(scrolled), List.copyOf(live));
  }

  private String line(Row row) {
    String head = fit(safe(row.head()), width);
    int room = width - head.codePointCount(0, head.length()) - 2;
    if (row.tail().isEmpty() || room < 5) {
      return head;
    }
    return head + "  " + middle(safe(row.tail()), room);
  }

  private String style(String plain, Duration age) {
    if (!styled) {
      return plain;
    }
    if (age.compareTo(brightFor) < 0) {
      return BRIGHT + plain + RESET;
    }
    return age.compareTo(dimAfter) >= 0 ? DIM + plain + RESET : plain;
  }

  /**
   * {@code s} with every control character (C0, DEL, C1: anything a terminal may act on) written as
   * an escape, so no name or message can move the cursor or change colours.
   */
  public static String safe(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
              } else if (c >= 0x80 && c <= 0x9f) {
                sb.append(String.format("\\u%04x", c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return sb.toString();
  }

  /** {@code s} cut to at most {@code columns} code points, the cut marked with an ellipsis. */
  static String fit(String s, int columns) {
    int n = s.codePointCount(0, s.length());
    if (n <= columns) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, columns - 1)) + ELLIPSIS;
  }

  /** {@code s} shortened to {@code columns} code points by dropping its middle. */
  static String middle(String s, int columns) {
    int n = s.codePointCount(0, s.length());
    if (n <= columns) {
      return s;
    }
    int keep = columns - 1;
    int front = keep / 2;
    int back = keep - front;
    return s.substring(0, s.offsetByCodePoints(0, front))
        + ELLIPSIS
        + s.substring(s.offsetByCodePoints(0, n - back));
  }
}
