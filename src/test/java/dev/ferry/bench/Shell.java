package dev.ferry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs external commands for the benchmark: copiers, {@code sync}, {@code rm -rf}. */
final class Shell {
  private Shell() {}

  /** The result of one command: exit code, wall seconds and combined output. */
  record Result(int exit, double seconds, String output) {}

  static Result run(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit;
    try {
      exit = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command, e);
    }
    return new Result(exit, (System.nanoTime() - t0) / 1e9, out);
  }

  /** Runs a command that must succeed; returns its output. */
  static String check(List<String> command) throws IOException {
    Result r = run(command, Map.of());
    if (r.exit() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + r.exit() + ": " + r.output());
    }
    return r.output().strip();
  }

  /** Whether an executable of that name is on the PATH (as {@code command -v} sees it). */
  static boolean onPath(String name) throws IOException {
    return run(List.of("sh", "-c", "command -v \"$0\" >/dev/null", name), Map.of()).exit() == 0;
  }

  /** Removes a tree with {@code rm -rf} (fast, and never follows links), then syncs untimed. */
  static void removeTree(Path root) throws IOException {
    if (Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      check(List.of("rm", "-rf", "--", root.toString()));
    }
  }

  static void sync() throws IOException {
    check(List.of("sync"));
  }

  /**
   * Flushes the filesystem that holds {@code dir} ({@code sync -f}, syncfs(2)): what a copy into it
   * left in the page cache, and nothing another filesystem holds (such as the broker's files).
   */
  static void syncFilesystem(Path dir) throws IOException {
    check(List.of("sync", "-f", dir.toString()));
  }
}
