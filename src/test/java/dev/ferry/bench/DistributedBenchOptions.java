package dev.ferry.bench;

import java.nio.file.Path;
import java.util.List;

/** What one distributed benchmark run measures, parsed from {@code --name value} arguments. */
record DistributedBenchOptions(
    Path ferry,
    Path dir,
    String broker,
    int workers,
    List<String> workerArgs,
    int reps,
    int files,
    int dirs,
    long seed,
    boolean timeline) {

  static final String USAGE =
      """
      usage: DistributedBench [--ferry cli/target/ferry] [--dir /tmp/ferry-bench-dist]
                              [--broker amqp://guest:guest@127.0.0.1:5672/%2F]
                              [--workers 2] [--worker-args "--threads 4"] [--reps 5]
                              [--files 40000] [--dirs 400] [--seed 42] [--timeline true]
      The broker defaults to $RABBITMQ_URI when set.\
      """;

  static DistributedBenchOptions parse(String... args) {
    Path ferry = Path.of("cli/target/ferry");
    Path dir = Path.of("/tmp/ferry-bench-dist");
    String env = System.getenv("RABBITMQ_URI");
    String broker = env != null && !env.isBlank() ? env : "amqp://guest:guest@127.0.0.1:5672/%2F";
    int workers = 2;
    List<String> workerArgs = List.of();
    int reps = 5;
    int files = 40_000;
    int dirs = 400;
    long seed = 42;
    boolean timeline = false;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + args[i] + "\n" + USAGE);
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--ferry" -> ferry = Path.of(v);
        case "--dir" -> dir = Path.of(v);
        case "--broker" -> broker = v;
        case "--workers" -> workers = Integer.parseInt(v);
        case "--worker-args" ->
            workerArgs = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
        case "--reps" -> reps = Integer.parseInt(v);
        case "--files" -> files = Integer.parseInt(v);
        case "--dirs" -> dirs = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--timeline" -> timeline = Boolean.parseBoolean(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    if (reps < 1 || workers < 1 || dirs < 1 || files < dirs) {
      throw new IllegalArgumentException(
          "repetitions, workers and tree sizes must be positive\n" + USAGE);
    }
    return new DistributedBenchOptions(
        ferry.toAbsolutePath(),
        dir.toAbsolutePath(),
        broker,
        workers,
        workerArgs,
        reps,
        files,
        dirs,
        seed,
        timeline);
  }
}
