package dev.ferry.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** What one benchmark run measures, parsed from {@code --name value} arguments. */
record BenchOptions(
    Path ferry,
    Path baseline,
    List<String> ferryArgs,
    Path dir,
    Set<Character> cases,
    int reps,
    int smallFiles,
    int smallDirs,
    int bigFiles,
    long bigFileBytes,
    int bigReps,
    int entries,
    int contrastEntries,
    long seed,
    Path entriesDir,
    Path writeDocs,
    String commandLine) {

  static final String USAGE =
      """
      usage: MoverBench [--ferry cli/target/ferry] [--baseline OTHER/ferry]
                        [--ferry-args "--threads 2"]
                        [--dir /tmp/ferry-bench] [--cases abcd]
                        [--reps 5] [--small-files 40000] [--small-dirs 400]
                        [--big-files 4] [--big-size 1g] [--big-reps 3]
                        [--entries 1000000] [--contrast-entries 100000] [--seed 42]
                        [--entries-dir /dev/shm/ferry-bench] [--write-docs docs/benchmarks.md]
      cases: a = many small files, b = few big files, c = no-change re-run of a, d = peak RSS
      --baseline times a second ferry binary alongside (cases a to c), for an A/B of two builds.\
      """;

  static BenchOptions parse(String... args) {
    Path ferry = Path.of("cli/target/ferry");
    Path baseline = null;
    List<String> ferryArgs = List.of();
    Path dir = Path.of("/tmp/ferry-bench");
    Set<Character> cases = new TreeSet<>(List.of('a', 'b', 'c', 'd'));
    int reps = 5;
    int smallFiles = 40_000;
    int smallDirs = 400;
    int bigFiles = 4;
    long bigBytes = 1L << 30;
    int bigReps = 3;
    int entries = 1_000_000;
    int contrast = 100_000;
    long seed = 42;
    Path docs = null;
    Path entriesDir = null;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + args[i] + "\n" + USAGE);
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--ferry" -> ferry = Path.of(v);
        case "--baseline" -> baseline = Path.of(v);
        case "--ferry-args" ->
            ferryArgs = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
        case "--dir" -> dir = Path.of(v);
        case "--cases" -> cases = caseSet(v);
        case "--reps" -> reps = Integer.parseInt(v);
        case "--small-files" -> smallFiles = Integer.parseInt(v);
        case "--small-dirs" -> smallDirs = Integer.parseInt(v);
        case "--big-files" -> bigFiles = Integer.parseInt(v);
        case "--big-size" -> bigBytes = parseSize(v);
        case "--big-reps" -> bigReps = Integer.parseInt(v);
        case "--entries" -> entries = Integer.parseInt(v);
        case "--contrast-entries" -> contrast = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--write-docs" -> docs = Path.of(v);
        case "--entries-dir" -> entriesDir = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    if (reps < 1 || bigReps < 1 || smallDirs < 1 || smallFiles < smallDirs) {
      throw new IllegalArgumentException("repetitions and tree sizes must be positive\n" + USAGE);
    }
    return new BenchOptions(
        ferry.toAbsolutePath(),
        baseline == null ? null : baseline.toAbsolutePath(),
        ferryArgs,
        dir.toAbsolutePath(),
        cases,
        reps,
        smallFiles,
        smallDirs,
        bigFiles,
        bigBytes,
        bigReps,
        entries,
        contrast,
        seed,
        (entriesDir != null ? entriesDir : defaultEntriesDir(dir)).toAbsolutePath(),
        docs,
        String.join(" ", args));
  }

  /**
   * Where case (d)'s million-entry trees go: tmpfs when there is one, because creating a million
   * inodes on a disk filesystem takes many minutes and case (d) measures memory, not speed.
   */
  private static Path defaultEntriesDir(Path dir) {
    Path shm = Path.of("/dev/shm");
    return java.nio.file.Files.isDirectory(shm) ? shm.resolve("ferry-bench") : dir;
  }

  private static Set<Character> caseSet(String v) {
    Set<Character> set = new TreeSet<>();
    for (char c : v.toLowerCase(Locale.ROOT).toCharArray()) {
      if ("abcd".indexOf(c) < 0) {
        throw new IllegalArgumentException("unknown case '" + c + "'\n" + USAGE);
      }
      set.add(c);
    }
    return set;
  }

  /** Parses {@code 1g}, {@code 256m}, {@code 64k} or a plain byte count. */
  static long parseSize(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    long unit =
        switch (s.charAt(s.length() - 1)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1;
        };
    String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
    return Long.parseLong(digits) * unit;
  }

  /**
   * Bytes the requested cases need on disk at once: the source trees, every target of case (a)
   * (kept until the timed runs are over, see {@link Targets}), the two re-run targets of case (c),
   * and one target of case (b).
   */
  long diskNeeded(int copiers) {
    long small = smallFiles * 9L * 1024 + smallDirs * 4096L;
    long smallTargets = cases.contains('a') ? (long) copiers * (reps + 1) : 0;
    long big = cases.contains('b') ? 2 * bigFiles * bigFileBytes : 0;
    long tiny =
        cases.contains('d') && entriesDir.startsWith(dir) ? 4 * (entries / 1000 + 1) * 4096L : 0;
    return (3 + smallTargets) * small + big + tiny;
  }

  List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add("bench dir: " + dir + ", ferry: " + ferry + ", seed " + seed);
    return lines;
  }
}
