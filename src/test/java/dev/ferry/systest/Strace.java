package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the packaged binary under {@code strace -f -y}, tracing some system calls only. */
final class Strace {
  private Strace() {}

  /**
   * Runs {@code ferry args} (which must exit 0) with {@code strace -e trace=calls}, the trace file
   * in {@code dir}; returns the trace's lines (descriptors printed with their paths).
   */
  static List<String> ferry(Path dir, String calls, String... args) throws Exception {
    Path trace = Files.createTempFile(dir, "trace", ".txt");
    List<String> command = new ArrayList<>(prefix(trace, calls));
    command.addAll(MoverCli.withBinary(args));
    MoverCli.Outcome o = MoverCli.runCommand(MoverCli.userEnv(), command);
    assertEquals(0, o.exit(), o.describe());
    List<String> lines = Files.readAllLines(trace);
    Files.delete(trace);
    return lines;
  }

  /** The strace command line to put before a command: follows forks, writes to {@code trace}. */
  static List<String> prefix(Path trace, String calls) {
    return List.of(
        "strace", "-f", "-qq", "-y", "-s", "4096", "-e", "trace=" + calls, "-o", trace.toString());
  }
}
