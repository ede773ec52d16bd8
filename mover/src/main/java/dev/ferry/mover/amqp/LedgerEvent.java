package dev.ferry.mover.amqp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * @param reason FAILED and CANCELLED: why
 * @param attributes CREATED: what the job is (kind, source, target, ...), shown by status
 * @param worker who wrote the entry
 * @param at when, in epoch milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LedgerEvent(
    Type type,
    String job,
    String task,
    List<String> tasks,
    Map<String, Long> counters,
    List<String> failures,
    String reason,
    Map<String, String> attributes,
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
    /** The job was cancelled; workers skip its remaining tasks. */
    CANCELLED,
    /** Written by an observer to learn where the end of the stream was when it looked. */
    MARKER
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public LedgerEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(job, "job");
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    counters = counters == null ? Map.of() : Map.copyOf(counters);
    failures = failures == null ? List.of() : List.copyOf(failures);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  static LedgerEvent created(
      String job, List<String> roots, Map<String, String> attributes, String worker, long at) {
    return new LedgerEvent(
        Type.CREATED, job, null, roots, null, null, null, attributes, worker, at);
  }

  static LedgerEvent done(
      String job, String task, List<String> children, TaskResult result, String worker, long at) {
    return new LedgerEvent(
        Type.DONE,
        job,
        task,
        children,
        result.counters(),
        result.failures(),
        null,
        null,
        worker,
        at);
  }

  static LedgerEvent failed(
      String job, String task, List<String> what, String reason, String worker, long at) {
    return new LedgerEvent(Type.FAILED, job, task, null, null, what, reason, null, worker, at);
  }

  static LedgerEvent cancelled(String job, String reason, String worker, long at) {
    return new LedgerEvent(Type.CANCELLED, job, null, null, null, null, reason, null, worker, at);
  }

  static LedgerEvent marker(String id, String worker, long at) {
    return new LedgerEvent(Type.MARKER, "-", id, null, null, null, null, null, worker, at);
  }

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LedgerEvent fromJson(byte[] json) throws IOException {
    return JSON.readValue(json, LedgerEvent.class);
  }

  Publication publication(String stream) {
    String id = type + ":" + job + ":" + (task == null ? "" : task);
    return new Publication(stream, id, Map.of(), "application/json", toJson());
  }
}
