package dev.ferry.systest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code cli/target/ferry} as a user would: a separate process, in a scratch
 * directory, with a scratch HOME and no FERRY_* variables leaking in from the build's environment.
 */
final class FerryBinary {
  private final Path binary;
  private final Path home;
  private final Map<String, String> env = new HashMap<>();

  FerryBinary(Path scratch) {
    String path = System.getProperty("ferry.binary");
    if (path == null) {
      throw new IllegalStateException("system property ferry.binary is not set");
    }
    this.binary = Path.of(path).toAbsolutePath();
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " is not executable; run mvn package first");
    }
    this.home = scratch;
    // An empty config file, so the tests never read the account's own ~/.ferry/config.toml.
    Path config = scratch.resolve("empty-config.toml");
    try {
      Files.writeString(config, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.put("FERRY_CONFIG", config.toString());
  }

  /** Sets an environment variable for every later run. */
  FerryBinary env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** The result of one finished run. */
  record Result(int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  Result run(String... args) {
    return run(null, args);
  }

  /** Runs to completion, feeding {@code stdin} (or nothing) to the process. */
  Result run(String stdin, String... args) {
    Process p = start(args);
    try {
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("ferry did not finish in 120 s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a run and returns at once; the caller drains and waits. */
  Process start(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("FERRY_") || k.equals("XDG_RUNTIME_DIR"));
    pb.environment().put("HOME", home.toString());
    pb.environment().putAll(env);
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
