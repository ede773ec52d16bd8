package dev.ferry.mover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.task.RelPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoardRendererTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String BOLD = "\033[1m";
  private static final String FAINT = "\033[2m";

  private static BoardRenderer renderer(int width, boolean styled) {
    return new BoardRenderer(width, styled, Duration.ofSeconds(1), Duration.ofSeconds(3));
  }

  private static BoardRenderer.Snapshot rows(BoardRenderer.Row... rows) {
    return new BoardRenderer.Snapshot(List.of(rows), "totals", List.of());
  }

  private static BoardRenderer.Row row(String key, long mark) {
    return new BoardRenderer.Row(key, "  " + key, "dir/file", mark, false);
  }

  @Test
  void aRowIsBrightWhenItChangesPlainAMomentLaterAndDimAfterTheInterval() {
    BoardRenderer r = renderer(80, true);
    String first = r.render(rows(row("w1", 1)), T0).live().get(0);
    assertEquals(BOLD + "  w1  dir/file\033[0m", first);
    String normal = r.render(rows(row("w1", 1)), T0.plusMillis(1500)).live().get(0);
    assertEquals("  w1  dir/file", normal);
    String dim = r.render(rows(row("w1", 1)), T0.plusSeconds(3)).live().get(0);
    assertEquals(FAINT + "  w1  dir/file\033[0m", dim);
    String again = r.render(rows(row("w1", 2)), T0.plusSeconds(4)).live().get(0);
    assertTrue(again.startsWith(BOLD), "progress makes the row bright again: " + again);
  }

  @Test
  void withoutStylingNoEscapeIsWritten() {
    BoardRenderer r = renderer(80, false);
    r.render(rows(row("w1", 1)), T0);
    BoardRenderer.Frame f = r.render(rows(row("w1", 1)), T0.plusSeconds(10));
    f.live().forEach(l -> assertFalse(l.contains("\033"), l));
  }

  @Test
  void finishedAndVanishedRowsMoveUpOnceAndLeaveTheLiveBlock() {
    BoardRenderer r = renderer(80, false);
    BoardRenderer.Frame f1 = r.render(rows(row("w1", 1), row("w2", 1), row("job", 1)), T0);
    assertEquals(List.of(), f1.scrolled());
    assertEquals(
        List.of("  w1  dir/file", "  w2  dir/file", "  job  dir/file", "totals"), f1.live());

    BoardRenderer.Row jobDone = new BoardRenderer.Row("job", "  job succeeded", "", 2, true);
    BoardRenderer.Frame f2 = r.render(rows(row("w1", 2), jobDone), T0.plusSeconds(1));
    assertEquals(List.of("  job succeeded", "  w2  dir/file"), f2.scrolled());
    assertEquals(List.of("  w1  dir/file", "totals"), f2.live());

    BoardRenderer.Frame f3 = r.render(rows(row("w1", 3), jobDone), T0.plusSeconds(2));
    assertEquals(List.of(), f3.scrolled(), "a finished row moves up once");
    assertEquals(List.of("  w1  dir/file", "totals"), f3.live());
  }

  @Test
  void noLineIsWiderThanTheTerminalAndLongPathsLoseTheirMiddle() {
    BoardRenderer r = renderer(40, false);
    String path = "top/" + "a".repeat(60) + "/the-end.dat";
    BoardRenderer.Row w =
        new BoardRenderer.Row("w", "  ferry-worker-1   1.0 MiB/s", path, 1, false);
    BoardRenderer.Snapshot s =
        new BoardRenderer.Snapshot(List.of(w), "x".repeat(100), List.of("e".repeat(100)));
    BoardRenderer.Frame f = r.render(s, T0);
    for (String line : f.live()) {
      assertTrue(line.codePointCount(0, line.length()) <= 40, line.length() + ": " + line);
    }
    String row = f.live().get(0);
    assertTrue(row.startsWith("  ferry-worker-1   1.0 MiB/s  top/"), row);
    assertTrue(row.endsWith(".dat"), row);
    assertTrue(row.contains("…"), row);
    assertEquals(40, row.codePointCount(0, row.length()), row);
  }

  @Test
  void controlCharactersInNamesAndMessagesCannotReachTheTerminal() {
    byte[] evil = "evil\033]0;pwned\007\n\033[2Jname\u009b31m".getBytes(StandardCharsets.UTF_8);
    byte[] notUtf8 = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe};
    BoardRenderer r = renderer(200, false);
    BoardRenderer.Row a = new BoardRenderer.Row("a", "  w1", RelPath.displayBytes(evil), 1, false);
    BoardRenderer.Row b =
        new BoardRenderer.Row("b", "  w2", RelPath.displayBytes(notUtf8), 1, false);
    String rawError = new String(evil, StandardCharsets.UTF_8) + ": Input/output error";
    BoardRenderer.Snapshot s =
        new BoardRenderer.Snapshot(List.of(a, b), "totals\r\033[1A", List.of(rawError));
    BoardRenderer.Frame f = r.render(s, T0);
    for (String line : f.live()) {
      assertTrue(
          line.codePoints().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)),
          line);
    }
    assertTrue(
        f.live().get(0).contains("evil\\x1b]0;pwned\\x07\\x0a\\x1b[2Jname"), f.live().get(0));
    assertTrue(f.live().get(1).contains("bad\\xff\\xfe"), f.live().get(1));
    assertEquals("totals\\x0d\\x1b[1A", f.live().get(2));
    assertTrue(f.live().get(3).startsWith("  ! evil\\x1b]0;pwned\\x07\\x0a"), f.live().get(3));
    assertTrue(f.live().get(3).contains("\\u009b31m"), f.live().get(3));
  }

  @Test
  void aBoardNeverGrowsTallerThanItsRowLimit() {
    BoardRenderer r = renderer(80, false);
    BoardRenderer.Row[] many = new BoardRenderer.Row[64];
    for (int i = 0; i < many.length; i++) {
      many[i] = row(String.format("w%02d", i), 1);
    }
    List<String> live = r.render(rows(many), T0).live();
    assertEquals(BoardRenderer.MAX_ROWS + 1, live.size(), live.toString());
    assertEquals("  w18  dir/file", live.get(18));
    assertEquals("  … and 45 more", live.get(19));
    assertEquals("totals", live.get(20));
  }
}
