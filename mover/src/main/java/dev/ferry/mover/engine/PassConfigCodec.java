package dev.ferry.mover.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.mover.fs.PercentEncoding;
import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.JsonTree;
import dev.ferry.mover.task.Pass;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A run's options as JSON, for a distributed job to hand its workers once (tasks do not carry
 * them). Paths are raw bytes, percent-encoded like task paths; durations in seconds.
 */
public final class PassConfigCodec {
  public byte[] encode(PassConfig c) {
    ObjectNode n = JsonTree.object();
    n.put("command", c.command());
    c.passes().forEach(p -> n.withArray("passes").add(p.name()));
    n.put("source", PercentEncoding.encode(RawPaths.bytes(c.source())));
    n.put("target", PercentEncoding.encode(RawPaths.bytes(c.target())));
    n.put("threads", c.threads()).put("dryRun", c.dryRun());
    putDuration(n, "skipAtimeOlder", c.skipAtimeOlder());
    putDuration(n, "skipMtimeNewer", c.skipMtimeNewer());
    c.excludes().forEach(e -> n.withArray("excludes").add(e));
    n.put("checksum", c.checksum());
    n.put("chunkThreshold", c.chunkThreshold()).put("chunkSize", c.chunkSize());
    c.preserve().stream().sorted().forEach(p -> n.withArray("preserve").add(p.name()));
    n.put("allowEmptySource", c.allowEmptySource()).put("json", c.json());
    return JsonTree.write(n);
  }

  /** Decodes; a malformed document or invalid value is an {@link IllegalArgumentException}. */
  public PassConfig decode(byte[] bytes) {
    try {
      JsonNode n = JsonTree.read(bytes);
      List<Pass> passes = new ArrayList<>();
      n.path("passes").forEach(p -> passes.add(Pass.valueOf(p.asText())));
      List<String> excludes = new ArrayList<>();
      n.path("excludes").forEach(e -> excludes.add(e.asText()));
      Set<Preserve> preserve = EnumSet.noneOf(Preserve.class);
      n.path("preserve").forEach(p -> preserve.add(Preserve.valueOf(p.asText())));
      return new PassConfig(
          n.get("command").asText(),
          passes,
          path(n, "source"),
          path(n, "target"),
          n.get("threads").asInt(),
          n.get("dryRun").asBoolean(),
          duration(n, "skipAtimeOlder"),
          duration(n, "skipMtimeNewer"),
          excludes,
          n.get("checksum").asBoolean(),
          n.get("chunkThreshold").asLong(),
          n.get("chunkSize").asLong(),
          preserve,
          n.get("allowEmptySource").asBoolean(),
          n.get("json").asBoolean());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("malformed pass configuration: " + e.getMessage(), e);
    }
  }

  private static void putDuration(ObjectNode n, String field, Duration d) {
    if (d != null) {
      n.put(field, d.toSeconds());
    }
  }

  private static Duration duration(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : Duration.ofSeconds(v.asLong());
  }

  private static Path path(JsonNode n, String field) {
    return RawPaths.path(PercentEncoding.decode(n.get(field).asText()));
  }
}
