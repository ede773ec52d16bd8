package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects the results as Markdown for docs/benchmarks.md, under the heading "## ferry copy". */
final class BenchReport {
  static final String HEADING = "## ferry copy";

  /** Ends the generated part; hand-written notes after it survive the next --write-docs. */
  static final String END = "<!-- end of MoverBench output -->";

  private static final long TARGET_RSS_KIB = 512 * 1024;

  private final BenchOptions opt;
  private final StringBuilder body = new StringBuilder();
  private final StringBuilder verdicts = new StringBuilder();

  BenchReport(BenchOptions opt) {
    this.opt = opt;
  }

  void machine(Path dir, List<Copier> copiers) throws IOException {
    body.append("Machine: ")
        .append(fact("nproc"))
        .append(" cores, ")
        .append(fact("sh", "-c", "free -g | awk '/^Mem/ {print $2}'"))
        .append(" GiB RAM, kernel ")
        .append(fact("uname", "-r"))
        .append("; bench dir `")
        .append(dir)
        .append("` on ")
        .append(fsType(dir))
        .append(" (`stat -f` says ")
        .append(fact("stat", "-f", "-c", "%T", dir.toString()))
        .append("); ")
        .append(fact("sh", "-c", "java -version 2>&1 | head -1"))
        .append("; ")
        .append(fact("sh", "-c", "cp --version | head -1"))
        .append("; ")
        .append(fact("sh", "-c", "rsync --version | head -1"))
        .append(".\nCopiers found: ")
        .append(String.join(", ", copiers.stream().map(c -> "`" + c.name() + "`").toList()))
        .append(" (dcp, fpsync: not installed unless listed).\nRun at ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(", load average at start ")
        .append(loadAverage())
        .append(", ferry commit ")
        .append(commit())
        .append(".\n\n");
  }

  void copyCase(String title, Map<Copier, Samples> results) {
    Samples cp = find(results, "cp -a");
    Samples rsync = find(results, "rsync -a");
    body.append("### ").append(title).append("\n\n");
    body.append("| tool | median s | min s | max s | runs | × cp -a | × rsync -a |\n");
    body.append("|---|---:|---:|---:|---:|---:|---:|\n");
    results.forEach(
        (c, s) ->
            body.append(
                String.format(
                    "| `%s` | %.2f | %.2f | %.2f | %d | %.2f | %.2f |%n",
                    c.name(),
                    s.median(),
                    s.min(),
                    s.max(),
                    s.count(),
                    s.median() / cp.median(),
                    s.median() / rsync.median())));
    body.append('\n');
    verdict(title, ferry(results).median() / cp.median(), 1.0, "× cp -a");
  }

  void rerunCase(String title, Map<Copier, Samples> results) {
    Samples rsync = find(results, "rsync -a");
    body.append("### ").append(title).append("\n\n");
    body.append("| tool | median s | min s | max s | runs | × rsync -a |\n");
    body.append("|---|---:|---:|---:|---:|---:|\n");
    results.forEach(
        (c, s) ->
            body.append(
                String.format(
                    "| `%s` (no change) | %.2f | %.2f | %.2f | %d | %.2f |%n",
                    c.name(),
                    s.median(),
                    s.min(),
                    s.max(),
                    s.count(),
                    s.median() / rsync.median())));
    body.append('\n');
    verdict(title, ferry(results).median() / rsync.median(), 2.0, "× rsync -a");
  }

  void memoryCase(String title, List<PeakMemory.Result> results) {
    body.append("### ").append(title).append("\n\n");
    body.append("| entries in SRC | ferry copy wall s | peak RSS (GNU time %M) |\n");
    body.append("|---:|---:|---:|\n");
    for (PeakMemory.Result r : results) {
      body.append(
          String.format(
              "| %,d | %.1f | %s |%n", r.entries(), r.seconds(), bytes(r.peakKib() * 1024)));
    }
    body.append('\n');
    long peak = results.stream().mapToLong(PeakMemory.Result::peakKib).max().orElse(0);
    verdict(title, peak / (double) TARGET_RSS_KIB, 1.0, "× 512 MiB");
  }

  String markdown() {
    return HEADING
        + "\n\n"
        + "Reproduce (from the repository root; builds the binary first):\n\n"
        + "```sh\nsrc/test/bench/run-mover-bench.sh "
        + opt.commandLine()
        + "\n```\n\n"
        + "Wall time of each tool including JVM start and a final `sync -f` of the target's"
        + " filesystem, warm cache (one untimed"
        + " warm-up run of each tool, checked with `diff -r`), every run into a new target (case"
        + " (a)'s targets are removed only after its timed runs: on ext4 without a journal, files"
        + " created just after a big removal are much slower to create; see `Targets`),"
        + " repetitions interleaved across tools. Ratios compare medians. Case (d)"
        + " measures memory, not speed: its trees are on tmpfs by default (`--entries-dir`),"
        + " since creating a million inodes on disk takes many minutes.\n\n"
        + body
        + "Load average at the end: "
        + loadAverage()
        + " (the machine is shared: figures from a loaded machine are noisy; the interleaving"
        + " keeps the ratios fair).\n\n"
        + "### Targets\n\n"
        + verdicts
        + '\n'
        + END
        + '\n';
  }

  /**
   * Replaces the generated part of the "## ferry copy" section of {@code file} (or appends the
   * section), keeping the rest of the file and any notes after the end marker.
   */
  static void writeSection(Path file, String section) throws IOException {
    String old = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
    int start = old.indexOf(HEADING + "\n");
    String text;
    if (start < 0) {
      text = old.stripTrailing() + "\n\n" + section;
    } else {
      int next = old.indexOf("\n## ", start + HEADING.length());
      int sectionEnd = next < 0 ? old.length() : next + 1;
      int marker = old.indexOf(END, start);
      int cut = marker >= 0 && marker < sectionEnd ? marker + END.length() + 1 : sectionEnd;
      String rest = old.substring(Math.min(cut, old.length()));
      text =
          old.substring(0, start)
              + section.stripTrailing()
              + "\n"
              + (rest.isEmpty() ? "" : "\n" + rest.stripLeading());
    }
    Files.writeString(file, text.stripTrailing() + "\n");
  }

  static String loadAverage() {
    return fact("sh", "-c", "cut -d' ' -f1-3 /proc/loadavg");
  }

  static String commit() {
    return fact("git", "rev-parse", "--short", "HEAD");
  }

  static String fsType(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (!Files.exists(existing) && existing.getParent() != null) {
      existing = existing.getParent();
    }
    return fact("findmnt", "-n", "-o", "FSTYPE", "-T", existing.toString())
        .lines()
        .findFirst()
        .orElse("?");
  }

  static String bytes(long n) {
    if (n >= 1L << 30) {
      return String.format("%.1f GiB", n / (double) (1L << 30));
    }
    return String.format("%.0f MiB", n / (double) (1L << 20));
  }

  private void verdict(String title, double ratio, double limit, String unit) {
    verdicts.append(
        String.format(
            "- %s: %.2f %s (target ≤ %.1f): %s%n",
            title, ratio, unit, limit, ratio <= limit ? "met" : "**missed**"));
  }

  private static Samples ferry(Map<Copier, Samples> results) {
    return results.entrySet().stream()
        .filter(e -> e.getKey().name().startsWith("ferry copy"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow();
  }

  private static Samples find(Map<Copier, Samples> results, String name) {
    return results.entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow();
  }

  private static String fact(String... command) {
    try {
      return Optional.of(Shell.check(List.of(command))).filter(s -> !s.isEmpty()).orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
