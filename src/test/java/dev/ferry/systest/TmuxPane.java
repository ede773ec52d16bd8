package dev.ferry.systest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real pseudo-terminal: a detached tmux session of a fixed size on its own server socket (so
 * parallel runs never meet), whose screen a test reads with {@code capture-pane}. Close kills the
 * server.
 */
final class TmuxPane implements AutoCloseable {
  private static final AtomicInteger SESSIONS = new AtomicInteger();
  private final String socket;

  private TmuxPane(String socket) {
    this.socket = socket;
  }

  /**
   * Starts {@code shellCommand} in a new 120x40 session, with {@code env} added (FERRY_* and
   * NO_COLOR removed).
   */
  static TmuxPane start(String shellCommand, Map<String, String> env) {
    String socket =
        "ferry-systest-" + ProcessHandle.current().pid() + "-" + SESSIONS.incrementAndGet();
    TmuxPane pane = new TmuxPane(socket);
    ProcessBuilder pb =
        new ProcessBuilder(
            "tmux",
            "-L",
            socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "40",
            "sh",
            "-c",
            shellCommand);
    pb.environment().keySet().removeIf(k -> k.startsWith("FERRY_") || k.equals("NO_COLOR"));
    pb.environment().putAll(env);
    pane.tmux(pb);
    return pane;
  }

  /** The visible screen, one string per row; with {@code escapes}, the SGR attributes included. */
  List<String> screen(boolean escapes) {
    List<String> args = new ArrayList<>(List.of("tmux", "-L", socket, "capture-pane", "-p"));
    if (escapes) {
      args.add("-e");
    }
    return tmux(new ProcessBuilder(args)).lines().toList();
  }

  private String tmux(ProcessBuilder pb) {
    try {
      Process p = pb.redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(pb.command() + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      Process p =
          new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
