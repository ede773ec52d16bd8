package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged binary's status board on a real pseudo-terminal (tmux), and its plain fallback
 * through a pipe. FERRY_TEST_ITEM_PAUSE_MS (test-only) holds the worker on each item so that a
 * four-file tree shows every state of a row: bright on change, dim after three idle seconds.
 */
class StatusBoardTerminalTest {
  private static final String BOLD = "\033[1m";
  private static final String FAINT = "\033[2m";
  private static final String EVIL = "evil\033[2J\033]0;owned\007name";
  private static final String LONG = "long-" + "x".repeat(120) + "-end.dat";
  private static final Duration DEADLINE = Duration.ofSeconds(150);

  @TempDir Path tmp;

  // 4.5 s per item: a row stays faint for 1 to 1.5 s (dim after 3 s, frames every 0.5 s) before the
  // next item, so the 100 ms polling sees it even on a loaded machine.
  @Test
  void theBoardRedrawsInPlaceBrightThenDimAndTheFinishedWorkerMovesUp() throws Exception {
    Path src = tree();
    String cmd = ferry() + " copy --threads 1 " + src + " " + tmp.resolve("dst");
    try (TmuxPane pane = TmuxPane.start(shell(cmd), env("4500"))) {
      boolean bright = false;
      boolean dim = false;
      boolean escaped = false;
      boolean shortened = false;
      List<String> screen = List.of();
      Instant end = Instant.now().plus(DEADLINE);
      while (Instant.now().isBefore(end)) {
        screen = pane.screen(true);
        if (screen.stream().anyMatch(l -> l.startsWith("FERRY-EXIT="))) {
          break;
        }
        int totals = rows(screen, l -> l.contains(" elapsed"));
        assertTrue(totals <= 1, "one totals line, redrawn in place:\n" + String.join("\n", screen));
        if (totals == 1) {
          assertTrue(
              screen.get(0).contains("ferry-worker-1"), "the worker row is the top row: " + screen);
          assertTrue(
              withoutSgr(screen.get(1)).matches("ferry copy: \\d+ scanned, .*"),
              "totals below it: " + screen);
          bright |= screen.get(0).startsWith(BOLD);
          dim |= screen.get(0).startsWith(FAINT);
          escaped |= screen.get(0).contains("evil\\x1b[2J\\x1b]0;owned\\x07name");
          String row = withoutSgr(screen.get(0));
          if (row.contains("long-x")) {
            // 120 columns, as the terminal reports (stty: the shell exports no COLUMNS)
            assertTrue(row.length() == 120 && row.contains("x…x") && row.endsWith("-end.dat"), row);
            shortened = true;
          }
        }
        Thread.sleep(100);
      }
      List<String> plain = pane.screen(false);
      assertTrue(plain.contains("FERRY-EXIT=0"), "the run ended well in time: " + plain);
      assertTrue(bright, "a row was bright when it changed");
      assertTrue(dim, "a row was dim after a moment without change");
      assertTrue(escaped, "the control characters of a name were shown escaped");
      assertTrue(shortened, "the long name was shown, shortened in the middle");
      assertTrue(plain.get(0).startsWith("  ferry-worker-1   done: "), "moved up: " + plain);
      assertTrue(plain.get(1).startsWith("ferry copy: done in "), "then the summary: " + plain);
      assertEquals(3, rows(plain, l -> !l.isBlank()), "nothing scrolled past: " + plain);
      assertTrue(Files.exists(tmp.resolve("dst").resolve(EVIL)));
    }
  }

  @Test
  void throughAPipeProgressIsPlainLinesWithoutEscapes() throws Exception {
    Path src = tree();
    String cmd = ferry() + " copy --threads 1 " + src + " " + tmp.resolve("dst") + " 2>&1 | cat -v";
    try (TmuxPane pane = TmuxPane.start(shell(cmd), env("2500"))) {
      List<String> screen = List.of();
      Instant end = Instant.now().plus(DEADLINE);
      while (Instant.now().isBefore(end)
          && screen.stream().noneMatch(l -> l.startsWith("FERRY-EXIT="))) {
        Thread.sleep(200);
        screen = pane.screen(true);
      }
      String all = String.join("\n", screen);
      assertTrue(screen.contains("FERRY-EXIT=0"), all);
      assertTrue(rows(screen, l -> l.matches("ferry copy: \\d+ scanned, .* elapsed")) >= 1, all);
      assertTrue(rows(screen, l -> l.startsWith("ferry copy: done in ")) == 1, all);
      assertFalse(all.contains("\033"), "no escape sequence reached the terminal: " + all);
      assertFalse(all.contains("^["), "ferry wrote no escape byte into the pipe: " + all);
    }
  }

  /** Four files, one named with terminal escapes, one longer than the terminal is wide. */
  private Path tree() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.write(src.resolve("a.dat"), new byte[4096]);
    Files.write(src.resolve("b.dat"), new byte[8192]);
    Files.write(src.resolve(EVIL), new byte[100]);
    Files.write(src.resolve(LONG), new byte[100]);
    return src;
  }

  private static String ferry() {
    return Path.of(System.getProperty("ferry.binary")).toAbsolutePath().toString();
  }

  private static String shell(String command) {
    return command + "; echo FERRY-EXIT=$?; sleep 600";
  }

  private Map<String, String> env(String pauseMillis) throws IOException {
    Path config = Files.writeString(tmp.resolve("empty-config.toml"), "");
    return Map.of(
        "HOME", tmp.toString(),
        "FERRY_CONFIG", config.toString(),
        "FERRY_TEST_ITEM_PAUSE_MS", pauseMillis);
  }

  /** A captured row without tmux's attribute sequences (it resets them where a style ends). */
  private static String withoutSgr(String row) {
    return row.replaceAll("\033\\[[0-9;]*m", "");
  }

  private static int rows(List<String> screen, Predicate<String> p) {
    return (int) screen.stream().filter(p).count();
  }
}
