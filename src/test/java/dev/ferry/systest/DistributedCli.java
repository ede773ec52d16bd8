package dev.ferry.systest;

import dev.ferry.mover.amqp.TestBroker;
import dev.ferry.mover.amqp.TopologyCleanup;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the packaged {@code ferry} binary against the test broker, with a queue prefix of its own so
 * that tests never see each other's jobs.
 */
final class DistributedCli {
  /** What one run printed, and how it ended. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  final String brokerUri = TestBroker.uri();
  final String prefix = TestBroker.uniqueName("ferry-sys");
  private final Path binary = Path.of(System.getProperty("ferry.binary"));
  private final List<Process> started = new ArrayList<>();

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("FERRY_BROKER", brokerUri);
    env.put("FERRY_BROKER_PREFIX", prefix);
    env.put("FERRY_BROKER_PATIENCE", "5");
    return env;
  }

  Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    Process p = start(env, args);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      String diagnosis = hangReport(p);
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(
          "ferry " + String.join(" ", args) + " did not end in 120 s\n" + diagnosis);
    }
    return result(p);
  }

  Result run(String... args) throws IOException, InterruptedException {
    return run(env(), args);
  }

  /** Starts a long-running command (a worker); its output goes to files read by {@link #result}. */
  Process start(Map<String, String> env, String... args) throws IOException {
    return startUnder(List.of(), env, args);
  }

  /** As {@link #start}, run by a wrapper command (such as strace) given first. */
  Process startUnder(List<String> wrapper, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(wrapper);
    command.add(binary.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    if (System.getenv("JAVA_HOME") != null) {
      pb.environment().put("JAVA_HOME", System.getenv("JAVA_HOME"));
    }
    pb.environment().putAll(env);
    File out = Files.createTempFile("ferry-out", ".txt").toFile();
    File err = Files.createTempFile("ferry-err", ".txt").toFile();
    pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().close();
    outputs.put(p, new File[] {out, err});
    started.add(p);
    return p;
  }

  private final Map<Process, File[]> outputs = new HashMap<>();

  Result result(Process p) throws IOException {
    File[] f = outputs.get(p);
    return new Result(
        p.exitValue(),
        Files.readString(f[0].toPath(), StandardCharsets.UTF_8),
        Files.readString(f[1].toPath(), StandardCharsets.UTF_8));
  }

  /** What a process still running has written to its stderr so far. */
  String errSoFar(Process p) throws IOException {
    return Files.readString(outputs.get(p)[1].toPath(), StandardCharsets.UTF_8);
  }

  /**
   * What a command that hung, and every process this test started, printed so far, with the threads
   * of each one's JVM: a hang seen once in CI must be explainable from its log.
   */
  private String hangReport(Process hung) throws IOException, InterruptedException {
    StringBuilder report = new StringBuilder();
    for (Process p : started) {
      File[] f = outputs.get(p);
      report
          .append(p == hung ? "=== the command that hung" : "=== another process")
          .append(p.isAlive() ? " (running)" : " (exit " + p.exitValue() + ")")
          .append("\n--- stdout\n")
          .append(Files.readString(f[0].toPath(), StandardCharsets.UTF_8))
          .append("--- stderr\n")
          .append(Files.readString(f[1].toPath(), StandardCharsets.UTF_8));
      if (p.isAlive()) {
        report.append("--- threads\n").append(threads(p));
      }
    }
    return report.toString();
  }

  /** The thread dump of the JVM the process became (the launcher execs it) or started. */
  private static String threads(Process p) throws IOException, InterruptedException {
    List<ProcessHandle> jvms =
        Stream.concat(Stream.of(p.toHandle()), p.descendants())
            .filter(h -> h.info().command().orElse("").endsWith("/java"))
            .toList();
    if (jvms.isEmpty()) {
      return "(no java process at or under " + p.pid() + ")\n";
    }
    Process jstack =
        new ProcessBuilder("jstack", String.valueOf(jvms.get(0).pid()))
            .redirectErrorStream(true)
            .start();
    String dump = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jstack.waitFor(30, TimeUnit.SECONDS);
    return dump;
  }

  /**
   * Kills whatever is still running (a failed test must not leave workers behind) and removes the
   * test's queues from the shared broker.
   */
  void killAll() throws Exception {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    TopologyCleanup.delete(brokerUri, prefix);
  }
}
