package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy --broker --wait} on a real pseudo-terminal (tmux): the embedded mode's board, fed
 * from the ledger, redrawn in place while the job waits for a worker and while it runs, then the
 * embedded summary; through a pipe, plain lines only.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DistributedBoardTerminalTest {
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private final DistributedCli cli = new DistributedCli();
  @TempDir Path tmp;

  @AfterEach
  void stop() throws Exception {
    cli.killAll();
  }

  @Test
  void theWaitingClientRedrawsItsBoardInPlaceThenPrintsTheSummary() throws Exception {
    Path src = tmp.resolve("src");
    TreeSample.create(src, 10, 10);
    String cmd = ferry() + " copy " + src + " " + tmp.resolve("dst") + " --wait";
    try (TmuxPane pane = TmuxPane.start(shell(cmd), env())) {
      // No worker yet: the job waits, and the board must keep redrawing its one totals line.
      Set<String> frames = new HashSet<>();
      Instant end = Instant.now().plus(DEADLINE);
      while (frames.size() < 3 && Instant.now().isBefore(end)) {
        List<String> screen = pane.screen(false);
        long totals = screen.stream().filter(l -> l.contains(" elapsed")).count();
        assertTrue(totals <= 1, "one totals line, redrawn in place:\n" + String.join("\n", screen));
        screen.stream().filter(l -> l.contains(" elapsed")).forEach(frames::add);
        Thread.sleep(100);
      }
      assertEquals(3, frames.size(), "the elapsed time ticked in place: " + frames);

      cli.start(cli.env(), "worker", "--threads", "2", "--name", "w1");
      List<String> screen = List.of();
      while (Instant.now().isBefore(end)
          && screen.stream().noneMatch(l -> l.startsWith("FERRY-EXIT="))) {
        screen = pane.screen(false);
        long totals = screen.stream().filter(l -> l.contains(" elapsed")).count();
        assertTrue(totals <= 1, "one totals line, redrawn in place:\n" + String.join("\n", screen));
        Thread.sleep(100);
      }
      List<String> rows = screen.stream().filter(l -> !l.isBlank()).toList();
      String all = String.join("\n", rows);
      assertTrue(rows.contains("FERRY-EXIT=0"), all);
      assertTrue(rows.get(0).matches("\\d{8}-\\d{6}-[0-9a-f]+-?\\S*"), "the job id first: " + all);
      assertTrue(rows.get(1).matches("  \\S+ succeeded: (\\d+)/\\1 tasks, .*"), "job row: " + all);
      assertTrue(rows.get(2).startsWith("ferry copy: done in "), "then the summary: " + all);
      // The summary may wrap; nothing else may follow it, and no frame of the board may remain.
      assertEquals("FERRY-EXIT=0", rows.get(rows.size() - 1), all);
      assertTrue(rows.stream().noneMatch(l -> l.contains(" elapsed")), "no stale frame: " + all);
      assertTrue(rows.stream().noneMatch(l -> l.contains("running:")), "no stale frame: " + all);
      assertEquals(TreeSample.snapshot(src), TreeSample.snapshot(tmp.resolve("dst")));
    }
  }

  @Test
  void throughAPipeTheWaitingClientWritesPlainLines() throws Exception {
    Path src = tmp.resolve("src");
    TreeSample.create(src, 5, 5);
    cli.start(cli.env(), "worker", "--threads", "2", "--name", "w1");
    String cmd = ferry() + " copy " + src + " " + tmp.resolve("dst") + " --wait 2>&1 | cat -v";
    try (TmuxPane pane = TmuxPane.start(shell(cmd), env())) {
      List<String> screen = List.of();
      Instant end = Instant.now().plus(DEADLINE);
      while (Instant.now().isBefore(end)
          && screen.stream().noneMatch(l -> l.startsWith("FERRY-EXIT="))) {
        Thread.sleep(200);
        screen = pane.screen(true);
      }
      String all = String.join("\n", screen);
      assertTrue(screen.contains("FERRY-EXIT=0"), all);
      assertTrue(screen.stream().anyMatch(l -> l.startsWith("ferry copy: done in ")), all);
      assertFalse(all.contains("\033"), "no escape sequence reached the terminal: " + all);
      assertFalse(all.contains("^["), "ferry wrote no escape byte into the pipe: " + all);
    }
  }

  private static String ferry() {
    return Path.of(System.getProperty("ferry.binary")).toAbsolutePath().toString();
  }

  private static String shell(String command) {
    return command + "; echo FERRY-EXIT=$?; sleep 600";
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(cli.env());
    env.put("HOME", tmp.toString());
    return env;
  }
}
