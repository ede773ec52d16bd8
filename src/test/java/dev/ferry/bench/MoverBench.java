package dev.ferry.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times {@code ferry copy} against {@code cp -a}, {@code rsync -a} and any other copier found, side
 * by side with interleaved repetitions, and measures ferry's peak memory. Wall time includes the
 * JVM start and a final {@code sync -f} of the target's filesystem; the cache is warm (one untimed
 * run of each tool first) and every run copies into a target that did not exist (see {@link
 * Targets} for why the small-file targets are only removed after the timed runs). Run it with
 * {@code src/test/bench/run-mover-bench.sh} (see docs/benchmarks.md).
 */
public final class MoverBench {
  private final BenchOptions opt;
  private final BenchReport report;
  private final TreeGenerator trees;

  private MoverBench(BenchOptions opt) {
    this.opt = opt;
    this.report = new BenchReport(opt);
    this.trees = new TreeGenerator(opt.seed());
  }

  public static void main(String[] args) throws Exception {
    BenchOptions opt;
    try {
      opt = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("MoverBench: " + e.getMessage());
      System.exit(2);
      return;
    }
    new MoverBench(opt).run();
  }

  private void run() throws IOException {
    if (!Files.isExecutable(opt.ferry())) {
      throw new IOException(opt.ferry() + " is not executable: build it first (mvn package)");
    }
    Files.createDirectories(opt.dir());
    try (FileChannel lock =
            FileChannel.open(
                opt.dir().resolve(".bench.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = lock.tryLock()) {
      if (held == null) {
        throw new IOException("another MoverBench is running in " + opt.dir() + "; use --dir");
      }
      measure();
    }
  }

  private void measure() throws IOException {
    List<Copier> copiers = Copier.available(opt.ferry(), opt.baseline(), opt.ferryArgs());
    checkFreeSpace(copiers.size());
    report.machine(opt.dir(), copiers);
    Path small = opt.dir().resolve("small-src");
    if (opt.cases().contains('a') || opt.cases().contains('c')) {
      trees.smallFiles(small, opt.smallFiles(), opt.smallDirs());
    }
    try (Targets smallTargets = new Targets(opt.dir(), "small-dst")) {
      if (opt.cases().contains('a')) {
        report.copyCase(caseTitle('a'), compare(copiers, small, opt.reps(), smallTargets));
      }
      if (opt.cases().contains('b')) {
        Path big = trees.bigFiles(opt.dir().resolve("big-src"), opt.bigFiles(), opt.bigFileBytes());
        report.copyCase(caseTitle('b'), compare(copiers, big, opt.bigReps(), null));
        Shell.removeTree(big);
        Files.deleteIfExists(opt.dir().resolve("big-src.complete"));
      }
      if (opt.cases().contains('c')) {
        report.rerunCase(caseTitle('c'), rerun(copiers, small));
      }
    }
    Shell.removeTree(small);
    Files.deleteIfExists(opt.dir().resolve("small-src.complete"));
    if (opt.cases().contains('d')) {
      List<PeakMemory.Result> rss = memory();
      report.memoryCase(caseTitle('d'), rss);
    }
    String text = report.markdown();
    System.out.println(text);
    if (opt.writeDocs() != null) {
      BenchReport.writeSection(opt.writeDocs(), text);
      System.err.println("wrote the '## ferry copy' section of " + opt.writeDocs());
    }
  }

  private String caseTitle(char c) {
    return switch (c) {
      case 'a' ->
          String.format(
              "(a) %,d files of 1-16 KiB in %,d directories", opt.smallFiles(), opt.smallDirs());
      case 'b' ->
          String.format(
              "(b) %d files of %s", opt.bigFiles(), BenchReport.bytes(opt.bigFileBytes()));
      case 'c' -> String.format("(c) no-change re-run over tree (a) (%,d files)", opt.smallFiles());
      default ->
          "(d) peak RSS of ferry copy against tree size (trees in "
              + opt.entriesDir()
              + ", "
              + BenchReport.fsType(opt.entriesDir())
              + ")";
    };
  }

  private void checkFreeSpace(int copiers) throws IOException {
    long free = Files.getFileStore(opt.dir()).getUsableSpace();
    if (free < opt.diskNeeded(copiers) + (2L << 30)) {
      throw new IOException(
          String.format(
              "%s has %s free; this run needs about %s plus 2 GiB of headroom (try --big-size)",
              opt.dir(), BenchReport.bytes(free), BenchReport.bytes(opt.diskNeeded(copiers))));
    }
  }

  /**
   * Copies {@code src} with every tool: one untimed, checked warm-up each, then timed rounds. Each
   * copy goes to a new target from {@code fresh}; without it (a few big files, whose removal costs
   * the next copy nothing), to one target removed before every run.
   */
  private Map<Copier, Samples> compare(List<Copier> copiers, Path src, int reps, Targets fresh)
      throws IOException {
    Path reused = opt.dir().resolve("dst");
    Map<Copier, Samples> results = new LinkedHashMap<>();
    for (Copier c : copiers) {
      Path dst = fresh != null ? fresh.next() : reused;
      timedCopy(c.commandFor(src, dst), dst, true);
      checkIdentical(c, src, dst);
      results.put(c, new Samples());
    }
    for (int r = 0; r < reps; r++) {
      for (Copier c : rotated(copiers, r)) {
        Path dst = fresh != null ? fresh.next() : reused;
        double s = timedCopy(c.commandFor(src, dst), dst, true);
        results.get(c).add(s);
        System.err.printf("  %-22s rep %d: %.2f s%n", c.name(), r + 1, s);
      }
    }
    Shell.removeTree(reused);
    return results;
  }

  /** ferry (and the baseline) and rsync each re-run over their own complete, unchanged copy. */
  private Map<Copier, Samples> rerun(List<Copier> copiers, Path src) throws IOException {
    List<Copier> tools =
        copiers.stream()
            .filter(c -> c.name().contains("ferry copy") || c.name().equals("rsync -a"))
            .toList();
    Map<Copier, Samples> results = new LinkedHashMap<>();
    Map<Copier, Path> targets = new LinkedHashMap<>();
    for (Copier c : tools) {
      Path dst = opt.dir().resolve("rerun-" + c.name().replaceAll("\\W+", "-"));
      Shell.removeTree(dst);
      timedCopy(c.commandFor(src, dst), dst, false);
      targets.put(c, dst);
      results.put(c, new Samples());
      timedCopy(c.commandFor(src, dst), dst, false);
    }
    for (int r = 0; r < opt.reps(); r++) {
      for (Copier c : rotated(tools, r)) {
        double s = timedCopy(c.commandFor(src, targets.get(c)), targets.get(c), false);
        results.get(c).add(s);
        System.err.printf("  %-22s re-run %d: %.2f s%n", c.name(), r + 1, s);
      }
    }
    for (Path dst : targets.values()) {
      Shell.removeTree(dst);
    }
    return results;
  }

  private List<PeakMemory.Result> memory() throws IOException {
    List<PeakMemory.Result> results = new ArrayList<>();
    for (int entries : List.of(opt.contrastEntries(), opt.entries())) {
      Files.createDirectories(opt.entriesDir());
      Path src = opt.entriesDir().resolve("entries-" + entries);
      Path dst = opt.entriesDir().resolve("entries-dst");
      trees.manyEntries(src, entries);
      Shell.removeTree(dst);
      Shell.sync();
      PeakMemory.Result r = PeakMemory.measure(opt.ferry(), opt.ferryArgs(), src, dst, entries);
      System.err.printf(
          "  ferry copy of %,d entries: %.1f s, peak RSS %,d KiB%n",
          r.entries(), r.seconds(), r.peakKib());
      results.add(r);
      Shell.removeTree(dst);
      Shell.removeTree(src);
      Files.deleteIfExists(src.resolveSibling(src.getFileName() + ".complete"));
    }
    if (!opt.entriesDir().equals(opt.dir())) {
      Files.deleteIfExists(opt.entriesDir());
    }
    return results;
  }

  /**
   * Runs one copy and a flush of the target's filesystem, timed together; optionally removes the
   * target first (untimed).
   */
  private static double timedCopy(List<String> command, Path dst, boolean fresh)
      throws IOException {
    if (fresh) {
      Shell.removeTree(dst);
    }
    Shell.sync();
    long t0 = System.nanoTime();
    Shell.Result r = Shell.run(command, Map.of());
    if (r.exit() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + r.exit() + ":\n" + r.output());
    }
    Shell.syncFilesystem(dst);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return seconds;
  }

  private static void checkIdentical(Copier c, Path src, Path dst) throws IOException {
    Shell.Result diff =
        Shell.run(
            List.of("diff", "-rq", "--no-dereference", src.toString(), dst.toString()), Map.of());
    if (diff.exit() != 0) {
      throw new IOException(
          c.name() + " made a copy that differs from the source:\n" + diff.output());
    }
  }

  private static <T> List<T> rotated(List<T> list, int by) {
    List<T> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(list.get((i + by) % list.size()));
    }
    return out;
  }
}
