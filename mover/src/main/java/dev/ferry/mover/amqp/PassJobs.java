package dev.ferry.mover.amqp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.mover.engine.Mover;
import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.engine.Preserve;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskCodec;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskScope;
import dev.ferry.mover.transport.InMemoryChunkLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The mover's passes as distributed jobs: one job per pass, whose CREATED attributes carry the pass
 * and its options (so every worker builds the same handler), and whose root is the pass's root
 * directory task. Large files are copied whole by one worker in this mode: the engine's chunk
 * ledger is per process, and a file's chunks could land on different nodes.
 */
public final class PassJobs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CACHED_HANDLERS = 64;

  private PassJobs() {}

  /** The attributes of the job that runs {@code pass} of {@code cfg} from source to target. */
  public static Map<String, String> attributes(
      PassConfig cfg, Pass pass, String source, String target, Instant startedAt) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("kind", cfg.command());
    a.put("pass", pass.name());
    a.put("source", source);
    a.put("target", target);
    a.put("dry_run", String.valueOf(cfg.dryRun()));
    a.put("checksum", String.valueOf(cfg.checksum()));
    a.put("allow_empty_source", String.valueOf(cfg.allowEmptySource()));
    a.put("excludes", json(cfg.excludes()));
    a.put("skip_atime_older", cfg.skipAtimeOlder() == null ? "" : cfg.skipAtimeOlder().toString());
    a.put("skip_mtime_newer", cfg.skipMtimeNewer() == null ? "" : cfg.skipMtimeNewer().toString());
    List<String> preserve = new ArrayList<>();
    cfg.preserve().forEach(p -> preserve.add(p.name()));
    Collections.sort(preserve);
    a.put("preserve", String.join(",", preserve));
    a.put("started_at", String.valueOf(startedAt.toEpochMilli()));
    return a;
  }

  /** The root task of a pass job. */
  public static byte[] root(String jobId, Pass pass, String source, String target) {
    return new TaskCodec()
        .encode(new DirTask(new TaskScope(jobId, pass, source, target), RelPath.ROOT, null));
  }

  /** The options of a job, rebuilt on a worker around its local roots. */
  static PassConfig config(Map<String, String> a, Path localSource, Path localTarget) {
    Set<Preserve> preserve = EnumSet.noneOf(Preserve.class);
    for (String p : a.getOrDefault("preserve", "").split(",")) {
      if (!p.isBlank()) {
        preserve.add(Preserve.valueOf(p));
      }
    }
    return new PassConfig(
        a.getOrDefault("kind", "copy"),
        List.of(Pass.valueOf(a.get("pass"))),
        localSource,
        localTarget,
        1,
        Boolean.parseBoolean(a.get("dry_run")),
        duration(a.get("skip_atime_older")),
        duration(a.get("skip_mtime_newer")),
        list(a.getOrDefault("excludes", "[]")),
        Boolean.parseBoolean(a.get("checksum")),
        Long.MAX_VALUE,
        PassConfig.DEFAULT_CHUNK_SIZE,
        preserve,
        Boolean.parseBoolean(a.get("allow_empty_source")),
        false);
  }

  /** Builds (and keeps, for the most recent jobs) the engine's handler of each job. */
  public static EngineTaskProcessor.Handlers handlers(TargetCreator creator) {
    Map<String, TaskHandler> cache =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, TaskHandler> eldest) {
                return size() > CACHED_HANDLERS;
              }
            });
    return (jobId, attributes, roots) ->
        cache.computeIfAbsent(jobId, id -> create(id, attributes, roots, creator));
  }

  private static TaskHandler create(
      String jobId, Map<String, String> a, Roots roots, TargetCreator creator) {
    String source = a.get("source");
    String target = a.get("target");
    Pass pass = Pass.valueOf(a.get("pass"));
    PassConfig cfg = config(a, roots.root(source), roots.root(target));
    Instant startedAt = Instant.ofEpochMilli(Long.parseLong(a.getOrDefault("started_at", "0")));
    return Mover.handler(
        cfg,
        roots,
        new TaskScope(jobId, pass, source, target),
        creator,
        new InMemoryChunkLedger(),
        startedAt);
  }

  private static Duration duration(String s) {
    return s == null || s.isEmpty() ? null : Duration.parse(s);
  }

  private static String json(List<String> l) {
    try {
      return JSON.writeValueAsString(l);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> list(String s) {
    try {
      return JSON.readValue(s, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad excludes attribute: " + s, e);
    }
  }

  static String lower(Pass p) {
    return p.name().toLowerCase(Locale.ROOT);
  }
}
