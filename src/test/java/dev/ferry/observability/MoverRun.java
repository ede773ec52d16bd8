package dev.ferry.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One embedded mover command of the packaged binary, run to its end with {@code --metrics-port 0
 * --metrics-linger 60s --json}: its JSON summary, then the final scrape that the linger waits for.
 *
 * @param summary the run's own {@code --json} summary
 * @param scrape the Prometheus exposition taken after the run finished
 * @param exitCode the process's exit code
 */
record MoverRun(JsonNode summary, String scrape, int exitCode) {
  static MoverRun run(Path workDir, String command, Path src, Path dst, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(command, "--json", "--metrics-port", "0"));
    args.addAll(List.of("--metrics-linger", "60s"));
    args.addAll(List.of(extra));
    args.add(src.toString());
    args.add(dst.toString());
    try (MetricsProcess ferry =
        MetricsProcess.start(workDir, Map.of(), args.toArray(String[]::new))) {
      String out = ferry.awaitStdout(l -> l.startsWith("{\"command\":"), Duration.ofSeconds(120));
      String json = out.lines().filter(l -> l.startsWith("{\"command\":")).findFirst().get();
      // The summary is printed when the work is done: this scrape sees the final totals.
      String scrape = ferry.scrape();
      int code = ferry.scrapeUntilExit(Duration.ofSeconds(30));
      return new MoverRun(new ObjectMapper().readTree(json), scrape, code);
    }
  }

  long count(String key) {
    return summary.path("counts").path(key).asLong(-1);
  }

  /** The value of the sample whose name and labels are exactly {@code series}. */
  double sample(String series) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + series + " in\\n" + scrape));
  }

  void assertOk() {
    assertEquals(0, exitCode, summary.toString());
  }
}
