package dev.ferry.mover.amqp;

import dev.ferry.mover.engine.Mover;
import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.engine.PassConfigCodec;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.task.ChunkLedger;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskCodec;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskScope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mover's passes as distributed jobs: one job per pass, whose CREATED attributes carry the pass
 * and its options (so every worker builds the same handler), and whose root is the pass's root
 * directory task.
 *
 * <p>Large files are copied in chunks by any number of workers. Workers share no memory, so the
 * handler uses {@link ChunkLedger#BY_COMMIT_TASK}: a large file becomes a {@code split} task whose
 * children are the file's chunks and whose deferred task is the file's {@code commit}. The job's
 * ledger decides when the chunks are over: the coordinator publishes the commit as soon as every
 * chunk's DONE entry is folded without an item failure, or records the commit FAILED (the partial
 * copy stays under its temporary name) when one failed. See docs/distributed.md.
 */
public final class PassJobs {
  private static final int CACHED_HANDLERS = 64;

  private PassJobs() {}

  /**
   * The attributes of the job that runs {@code pass} of {@code cfg} from source to target: what
   * status shows, and the options in the engine's own encoding ({@link PassConfigCodec}).
   */
  public static Map<String, String> attributes(
      PassConfig cfg, Pass pass, String source, String target, Instant startedAt) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("kind", cfg.command());
    a.put("pass", pass.name());
    a.put("source", source);
    a.put("target", target);
    a.put("started_at", String.valueOf(startedAt.toEpochMilli()));
    a.put("options", new String(new PassConfigCodec().encode(cfg), StandardCharsets.UTF_8));
    return a;
  }

  /** The root task of a pass job. */
  public static byte[] root(String jobId, Pass pass, String source, String target) {
    return new TaskCodec()
        .encode(new DirTask(new TaskScope(jobId, pass, source, target), RelPath.ROOT, null));
  }

  /**
   * The options of a job, rebuilt on a worker around its local roots, for its one pass (chunk sizes
   * included: every worker splits a file the same way).
   */
  static PassConfig config(Map<String, String> a, Path localSource, Path localTarget) {
    PassConfig c =
        new PassConfigCodec()
            .decode(a.getOrDefault("options", "").getBytes(StandardCharsets.UTF_8));
    return new PassConfig(
        c.command(),
        List.of(Pass.valueOf(a.get("pass"))),
        localSource,
        localTarget,
        1,
        c.dryRun(),
        c.skipAtimeOlder(),
        c.skipMtimeNewer(),
        c.excludes(),
        c.checksum(),
        c.chunkThreshold(),
        c.chunkSize(),
        c.preserve(),
        c.allowEmptySource(),
        false);
  }

  /** Builds the target creator of one job on a worker, around the job's local roots. */
  @FunctionalInterface
  public interface Creators {
    /**
     * @param cfg the job's options around this node's roots ({@code cfg.source()}, {@code
     *     cfg.target()})
     * @throws RuntimeException when this node cannot run the job's tasks; they are retried
     */
    TargetCreator forJob(String jobId, Map<String, String> attributes, PassConfig cfg);
  }

  /** Builds (and keeps, for the most recent jobs) the engine's handler of each job. */
  public static EngineTaskProcessor.Handlers handlers(TargetCreator creator) {
    return handlers((jobId, attributes, cfg) -> creator);
  }

  /** Same, with a target creator built for each job (once, when its handler is). */
  public static EngineTaskProcessor.Handlers handlers(Creators creators) {
    Map<String, TaskHandler> cache =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, TaskHandler> eldest) {
                return size() > CACHED_HANDLERS;
              }
            });
    return (jobId, attributes, roots) ->
        cache.computeIfAbsent(jobId, id -> create(id, attributes, roots, creators));
  }

  private static TaskHandler create(
      String jobId, Map<String, String> a, Roots roots, Creators creators) {
    String source = a.get("source");
    String target = a.get("target");
    Pass pass = Pass.valueOf(a.get("pass"));
    PassConfig cfg = config(a, roots.root(source), roots.root(target));
    Instant startedAt = Instant.ofEpochMilli(Long.parseLong(a.getOrDefault("started_at", "0")));
    return Mover.handler(
        cfg,
        roots,
        new TaskScope(jobId, pass, source, target),
        creators.forJob(jobId, a, cfg),
        ChunkLedger.BY_COMMIT_TASK,
        startedAt);
  }

  static String lower(Pass p) {
    return p.name().toLowerCase(Locale.ROOT);
  }
}
