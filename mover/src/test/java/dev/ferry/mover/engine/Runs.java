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

/**
 * Builds a {@link PassConfig} with test defaults and runs it, capturing the output; other packages'
 * tests take only its {@link #config}.
 */
public final class Runs {
  public Path source;
  public Path target;
  public List<Pass> passes = List.of(Pass.COPY);
  public int threads = 3;
  public boolean dryRun;
  public Duration skipAtimeOlder;
  public Duration skipMtimeNewer;
  public List<String> excludes = new ArrayList<>();
  public boolean checksum;
  public long chunkThreshold = PassConfig.DEFAULT_CHUNK_THRESHOLD;
  public long chunkSize = PassConfig.DEFAULT_CHUNK_SIZE;
  public Set<Preserve> preserve = EnumSet.allOf(Preserve.class);
  public boolean allowEmptySource;
  public boolean json;
  TargetCreator creator = new PosixTargetCreator();
  Clock clock = Clock.systemUTC();
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  public static Runs of(Path source, Path target, Pass... passes) {
    Runs r = new Runs();
    r.source = source;
    r.target = target;
    if (passes.length > 0) {
      r.passes = List.of(passes);
    }
    return r;
  }

  public PassConfig config() {
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
