package dev.ferry.mover.lustre;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.lustre.LustreMode;
import dev.ferry.lustre.LustrePolicy;
import dev.ferry.mover.task.JsonTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Lustre options of a distributed copy job, as its {@value #ATTRIBUTE} attribute: what the
 * submitting command line asked for (each side's mode, with {@code FERRY_LUSTRE} already applied,
 * and the MDT placement), as JSON such as {@code {"source":"auto","target":"on","mdt_rr":[0,1]}}.
 * The library's location is not part of it: each worker loads its own node's liblustreapi, and
 * {@code auto} is decided by each worker's own configuration and statfs(2).
 */
public final class LustreJobOptions {
  /** The job attribute that carries them; jobs from before it existed lack it. */
  public static final String ATTRIBUTE = "lustre";

  private LustreJobOptions() {}

  /** The attribute's value for a job submitted with {@code options}. */
  public static String encode(LustreOptions options) {
    ObjectNode n = JsonTree.object();
    n.put("source", name(options.policy().effective(options.source())));
    n.put("target", name(options.policy().effective(options.target())));
    MdtPlacement p = options.placement();
    if (p.preserve()) {
      n.put("mdt_preserve", true);
    }
    if (!p.roundRobin().isEmpty()) {
      p.roundRobin().forEach(mdt -> n.withArray("mdt_rr").add(mdt));
    }
    return new String(JsonTree.write(n), StandardCharsets.UTF_8);
  }

  /**
   * The options a job asked for; {@link LustreOptions#DEFAULT} (auto, no placement) when it carries
   * none, as jobs submitted before this attribute existed.
   *
   * @throws IllegalArgumentException when the value is malformed
   */
  public static LustreOptions decode(Optional<String> value) {
    if (value.isEmpty()) {
      return LustreOptions.DEFAULT;
    }
    try {
      JsonNode n = JsonTree.read(value.get().getBytes(StandardCharsets.UTF_8));
      if (!n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      List<Integer> rr = new ArrayList<>();
      for (JsonNode mdt : n.path("mdt_rr")) {
        if (!mdt.canConvertToInt()) {
          throw new IllegalArgumentException("MDT index '" + mdt + "' is not a number");
        }
        rr.add(mdt.intValue());
      }
      return new LustreOptions(
          LustrePolicy.AUTO,
          mode(n, "source"),
          mode(n, "target"),
          new MdtPlacement(n.path("mdt_preserve").asBoolean(false), rr),
          Optional.empty());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "malformed Lustre options '" + value.get() + "': " + e.getMessage(), e);
    }
  }

  /**
   * The options a worker copies a job with: each side as the job asked ({@code on}/{@code off}),
   * or, where the job left it to {@code auto}, as this node is configured for that filesystem.
   *
   * @param job the job's options ({@link #decode})
   * @param localSource this node's mode for the source filesystem (its policy already applied)
   * @param localTarget this node's mode for the target filesystem
   * @param library this node's liblustreapi, when not the default names
   */
  public static LustreOptions onNode(
      LustreOptions job, LustreMode localSource, LustreMode localTarget, Optional<String> library) {
    return new LustreOptions(
        LustrePolicy.AUTO,
        job.source() == LustreMode.AUTO ? localSource : job.source(),
        job.target() == LustreMode.AUTO ? localTarget : job.target(),
        job.placement(),
        library);
  }

  private static LustreMode mode(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null ? LustreMode.AUTO : LustreMode.parse(v.asText());
  }

  private static String name(LustreMode m) {
    return m.name().toLowerCase(Locale.ROOT);
  }
}
