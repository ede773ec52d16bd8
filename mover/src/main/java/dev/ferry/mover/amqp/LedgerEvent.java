package dev.ferry.mover.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.mover.task.JsonTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the job ledger, the RabbitMQ stream from which every observer rebuilds the state of
 * every job. Entries are facts, never commands, and folding one twice changes nothing.
 *
 * @param type what happened
 * @param job the job it happened to
 * @param task the task it happened to (DONE, FAILED), or the marker id (MARKER)
 * @param tasks CREATED: the root task ids; DONE: the ids of the children the task spawned
 * @param counters DONE: what the task did (files, bytes, ...), summed per job by the fold
 * @param failures DONE: items the task could not handle; FAILED: what the dead task was about
 * @param differences DONE: what a dry run would change (reported; not failures)
 * @param warnings DONE: what the worker warns about for the job, each at most once per worker
 * @param reason FAILED and CANCELLED: why
 * @param attributes CREATED: what the job is (kind, source, target, ...), shown by status
 * @param finish DONE: the task deferred until the task's subtree is done, if any
 * @param chain CREATED: the jobs to start, one after the other, once this one is over
 * @param worker who wrote the entry
 * @param at when, in epoch milliseconds
 */
public record LedgerEvent(
    Type type,
    String job,
    String task,
    List<String> tasks,
    Map<String, Long> counters,
    List<String> failures,
    List<String> differences,
    List<String> warnings,
    String reason,
    Map<String, String> attributes,
    Deferred finish,
    List<ChainedJob> chain,
    String worker,
    long at) {

  /** The kinds of ledger entries. */
  public enum Type {
    /** A job was published with its root tasks. */
    CREATED,
    /** A task finished; its children are known and were published before this entry. */
    DONE,
    /** A task was dead-lettered (it kept failing, or could not be read). */
    FAILED,
    /** The deferred tasks listed were published: the next wave of a job's finishing. */
    RELEASED,
    /** The job was cancelled; workers skip its remaining tasks. */
    CANCELLED,
    /** Written by an observer to learn where the end of the stream was when it looked. */
    MARKER
  }

  public LedgerEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(job, "job");
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    counters = counters == null ? Map.of() : Map.copyOf(counters);
    failures = failures == null ? List.of() : List.copyOf(failures);
    differences = differences == null ? List.of() : List.copyOf(differences);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    chain = chain == null ? List.of() : List.copyOf(chain);
  }

  /**
   * A deferred task as the ledger keeps it until its turn comes.
   *
   * @param id its task id
   * @param depth how deep its entry is: waves release the deepest first
   * @param body the task
   * @param after when not empty, the tasks it waits for instead of a wave (a file's chunks): it is
   *     released once they are all finished, and only if none of them failed
   */
  public record Deferred(String id, int depth, byte[] body, List<String> after) {
    public Deferred {
      after = after == null ? List.of() : List.copyOf(after);
    }

    public Deferred(String id, int depth, byte[] body) {
      this(id, depth, body, List.of());
    }
  }

  /**
   * A job to submit when the one before it in a chain is over (the passes of a sync).
   *
   * @param job its id, fixed in advance so that a repeated start counts once
   * @param attributes its CREATED attributes
   * @param roots its root task bodies
   */
  public record ChainedJob(String job, Map<String, String> attributes, List<byte[]> roots) {}

  static LedgerEvent created(
      String job,
      List<String> roots,
      Map<String, String> attributes,
      List<ChainedJob> chain,
      String worker,
      long at) {
    return new LedgerEvent(
        Type.CREATED,
        job,
        null,
        roots,
        null,
        null,
        null,
        null,
        null,
        attributes,
        null,
        chain,
        worker,
        at);
  }

  static LedgerEvent done(
      String job, String task, List<String> children, TaskResult result, String worker, long at) {
    Deferred finish = null;
    if (result.finish() != null) {
      TaskMessage deferred = TaskMessage.deferredBy(job, task, result.finish().body());
      finish =
          new Deferred(
              deferred.taskId(),
              result.finish().depth(),
              deferred.body(),
              result.finish().afterChildren() ? children : List.of());
    }
    return new LedgerEvent(
        Type.DONE,
        job,
        task,
        children,
        result.counters(),
        result.failures(),
        result.differences(),
        result.warnings(),
        null,
        null,
        finish,
        null,
        worker,
        at);
  }

  static LedgerEvent released(String job, List<String> tasks, String worker, long at) {
    return plain(Type.RELEASED, job, null, tasks, null, null, worker, at);
  }

  static LedgerEvent failed(
      String job, String task, List<String> what, String reason, String worker, long at) {
    return plain(Type.FAILED, job, task, null, what, reason, worker, at);
  }

  static LedgerEvent cancelled(String job, String reason, String worker, long at) {
    return plain(Type.CANCELLED, job, null, null, null, reason, worker, at);
  }

  static LedgerEvent marker(String id, String worker, long at) {
    return plain(Type.MARKER, "-", id, null, null, null, worker, at);
  }

  /** An entry without counters, lines of a task's result, attributes, deferred task or chain. */
  private static LedgerEvent plain(
      Type type,
      String job,
      String task,
      List<String> tasks,
      List<String> failures,
      String reason,
      String worker,
      long at) {
    return new LedgerEvent(
        type, job, task, tasks, null, failures, null, null, reason, null, null, null, worker, at);
  }

  byte[] toJson() {
    // Written and read as a tree through JsonTree (no ObjectMapper: a client's start-up).
    // Fields left out when empty; unknown fields ignored.
    ObjectNode n = JsonTree.object();
    n.put("type", type.name());
    putText(n, "job", job);
    putText(n, "task", task);
    putTexts(n, "tasks", tasks);
    if (!counters.isEmpty()) {
      ObjectNode c = n.putObject("counters");
      counters.forEach(c::put);
    }
    putTexts(n, "failures", failures);
    putTexts(n, "differences", differences);
    putTexts(n, "warnings", warnings);
    putText(n, "reason", reason);
    putStrings(n, "attributes", attributes);
    if (finish != null) {
      ObjectNode f = n.putObject("finish");
      putText(f, "id", finish.id());
      f.put("depth", finish.depth());
      if (finish.body() != null && finish.body().length > 0) {
        f.put("body", finish.body());
      }
      putTexts(f, "after", finish.after());
    }
    if (!chain.isEmpty()) {
      ArrayNode a = n.putArray("chain");
      for (ChainedJob c : chain) {
        ObjectNode o = a.addObject().put("job", c.job());
        o.putObject("attributes").setAll(textNodes(c.attributes()));
        ArrayNode roots = o.putArray("roots");
        c.roots().forEach(roots::add);
      }
    }
    putText(n, "worker", worker);
    n.put("at", at);
    return JsonTree.write(n);
  }

  /** Reads an entry; throws an {@link IOException} or a {@link RuntimeException} when malformed. */
  static LedgerEvent fromJson(byte[] json) throws IOException {
    JsonNode n = JsonTree.read(json);
    if (!n.isObject()) {
      throw new IOException("a ledger entry must be a JSON object");
    }
    JsonNode f = n.get("finish");
    Deferred finish =
        f == null || f.isNull()
            ? null
            : new Deferred(
                text(f, "id"),
                f.path("depth").asInt(),
                binary(f.get("body")),
                texts(f.get("after")));
    List<ChainedJob> chain = new ArrayList<>();
    for (JsonNode c : n.path("chain")) {
      List<byte[]> roots = new ArrayList<>();
      for (JsonNode r : c.path("roots")) {
        roots.add(r.binaryValue());
      }
      chain.add(new ChainedJob(text(c, "job"), strings(c.get("attributes")), roots));
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    n.path("counters")
        .fields()
        .forEachRemaining(e -> counters.put(e.getKey(), e.getValue().asLong()));
    return new LedgerEvent(
        Type.valueOf(n.path("type").asText()),
        text(n, "job"),
        text(n, "task"),
        texts(n.get("tasks")),
        counters,
        texts(n.get("failures")),
        texts(n.get("differences")),
        texts(n.get("warnings")),
        text(n, "reason"),
        strings(n.get("attributes")),
        finish,
        chain,
        text(n, "worker"),
        n.path("at").asLong());
  }

  private static void putText(ObjectNode n, String field, String value) {
    if (value != null && !value.isEmpty()) {
      n.put(field, value);
    }
  }

  private static void putTexts(ObjectNode n, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = n.putArray(field);
      values.forEach(a::add);
    }
  }

  private static void putStrings(ObjectNode n, String field, Map<String, String> values) {
    if (!values.isEmpty()) {
      n.putObject(field).setAll(textNodes(values));
    }
  }

  private static Map<String, JsonNode> textNodes(Map<String, String> values) {
    Map<String, JsonNode> nodes = new LinkedHashMap<>();
    values.forEach((k, v) -> nodes.put(k, JsonTree.text(v)));
    return nodes;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    if (object != null) {
      object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static byte[] binary(JsonNode v) throws IOException {
    return v == null || v.isNull() ? null : v.binaryValue();
  }

  Publication publication(String stream) {
    String id = type + ":" + job + ":" + (task == null ? "" : task);
    return new Publication(stream, id, Map.of(), "application/json", toJson());
  }
}
