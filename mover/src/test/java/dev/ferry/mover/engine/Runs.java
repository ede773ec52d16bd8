package dev.ferry.mover.engine;

import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.report.Console;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Pass;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Builds a {@link PassConfig} with test defaults and runs it, capturing the output. */
final class Runs {
  Path source;
  Path target;
  List<Pass> passes = List.of(Pass.COPY);
  int threads = 3;
  boolean dryRun;
  Duration skipAtimeOlder;
  Duration skipMtimeNewer;
  List<String> excludes = new ArrayList<>();
  boolean checksum;
  long chunkThreshold = PassConfig.DEFAULT_CHUNK_THRESHOLD;
  long chunkSize = PassConfig.DEFAULT_CHUNK_SIZE;
  Set<Preserve> preserve = EnumSet.allOf(Preserve.class);
  boolean allowEmptySource;
  boolean json;
  TargetCreator creator = new PosixTargetCreator();
  Clock clock = Clock.systemUTC();
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  static Runs of(Path source, Path target, Pass... passes) {
    Runs r = new Runs();
    r.source = source;
    r.target = target;
    if (passes.length > 0) {
      r.passes = List.of(passes);
    }
    return r;
  }

  PassConfig config() {
    return new PassConfig(
        passes.get(0).name().toLowerCase(),
        passes,
        source,
        target,
        threads,
        dryRun,
        skipAtimeOlder,
        skipMtimeNewer,
        excludes,
        checksum,
        chunkThreshold,
        chunkSize,
        preserve,
        allowEmptySource,
        json);
  }

  RunSummary run() throws InterruptedException {
    Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), false);
    return new Mover(clock, creator).run(config(), console);
  }
}
