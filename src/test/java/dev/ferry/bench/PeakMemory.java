package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Peak resident memory of one {@code ferry copy}, read with GNU time's {@code %M}. */
final class PeakMemory {
  private PeakMemory() {}

  record Result(int entries, double seconds, long peakKib) {}

  static Result measure(Path ferry, List<String> ferryArgs, Path src, Path dst, int entries)
      throws IOException {
    if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
      throw new IOException(
          "/usr/bin/time (GNU time) is needed for the memory case: apt-get install time");
    }
    Path out = Files.createTempFile("ferry-bench-rss", ".txt");
    try {
      List<String> command =
          new java.util.ArrayList<>(
              List.of("/usr/bin/time", "-f", "%M", "-o", out.toString(), ferry.toString(), "copy"));
      command.addAll(ferryArgs);
      command.addAll(List.of(src.toString(), dst.toString()));
      long t0 = System.nanoTime();
      Shell.Result r = Shell.run(command, Map.of());
      Shell.sync();
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (r.exit() != 0) {
        throw new IOException("ferry copy exited " + r.exit() + ":\n" + r.output());
      }
      List<String> lines = Files.readAllLines(out);
      long kib = Long.parseLong(lines.get(lines.size() - 1).strip());
      return new Result(entries, seconds, kib);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
