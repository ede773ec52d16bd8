package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code ferry} binary as a user (or cron) would, one subprocess per call. */
final class MoverCli {
  private static final long TIMEOUT_SECONDS = 300;

  private MoverCli() {}

  /** What one run left behind: exit code and both streams. */
  record Outcome(int exit, String stdout, String stderr) {
    List<String> stderrLines() {
      return stderr.lines().filter(l -> !l.isBlank()).toList();
    }

    String describe() {
      return "exit " + exit + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
    }
  }

  static Path binary() {
    String prop = System.getProperty("ferry.binary");
    assertTrue(prop != null, "system property ferry.binary is not set");
    Path p = Path.of(prop).toAbsolutePath().normalize();
    assertTrue(Files.isExecutable(p), p + " is not executable: package the cli module first");
    return p;
  }

  /** The environment of this JVM, as an interactive user would have it. */
  static Map<String, String> userEnv() {
    return new HashMap<>(System.getenv());
  }

  /**
   * What cron gives a job: no locale at all (so the C locale), a minimal PATH, HOME and SHELL.
   * JAVA_HOME is kept when set, since a crontab that runs ferry has to say where Java is anyway.
   */
  static Map<String, String> cronEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", System.getProperty("user.home"));
    env.put("SHELL", "/bin/sh");
    env.put("LOGNAME", System.getProperty("user.name"));
    env.put("LANG", "C");
    env.put("LC_ALL", "C");
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null) {
      env.put("JAVA_HOME", javaHome);
    }
    return env;
  }

  static Outcome run(String... args) throws IOException, InterruptedException {
    return run(userEnv(), List.of(args));
  }

  static Outcome run(Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(args);
    return runCommand(env, command);
  }

  /** Runs any command line (for wrappers such as unshare) with the given environment. */
  static Outcome runCommand(Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("ferry-out", ".txt");
    Path err = Files.createTempFile("ferry-err", ".txt");
    try {
      Process p = start(env, command, out, err);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Outcome(
          p.exitValue(),
          Files.readString(out, StandardCharsets.ISO_8859_1),
          Files.readString(err, StandardCharsets.ISO_8859_1));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Starts ferry without waiting; its output goes to the given files. */
  static Process start(Map<String, String> env, List<String> command, Path out, Path err)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  static List<String> withBinary(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(List.of(args));
    return command;
  }
}
