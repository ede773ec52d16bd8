package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One task as it travels through the broker: the job it belongs to, its own id, and an opaque body
 * that only the handler on the worker understands.
 */
public record TaskMessage(String jobId, String taskId, byte[] body) {
  static final String JOB_HEADER = "ferry-job";
  static final String TASK_HEADER = "ferry-task";

  public TaskMessage {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(body, "body");
  }

  /**
   * The task a parent spawns as its {@code index}-th child. The id depends only on the parent, the
   * position and the body, so a parent that runs twice (after a redelivery) and lists the same
   * children spawns the same ids, and the ledger counts them once.
   */
  static TaskMessage childOf(TaskMessage parent, int index, byte[] body) {
    return new TaskMessage(
        parent.jobId(), derivedId(parent.taskId() + "/" + index + "/", body), body);
  }

  /**
   * The {@code index}-th root task of a job. Root ids are fixed by the job id, so a chained job
   * that two coordinators start counts its roots once.
   */
  static TaskMessage root(String jobId, int index, byte[] body) {
    return new TaskMessage(jobId, derivedId("root/" + jobId + "/" + index + "/", body), body);
  }

  /** The task a parent defers until its subtree is done; one per parent. */
  static TaskMessage deferredBy(String jobId, String parentId, byte[] body) {
    return new TaskMessage(jobId, derivedId(parentId + "/finish/", body), body);
  }

  private static String derivedId(String prefix, byte[] body) {
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return UUID.nameUUIDFromBytes(all).toString();
  }

  Publication publication(String queue) {
    return new Publication(
        queue,
        taskId,
        Map.of(JOB_HEADER, jobId, TASK_HEADER, taskId),
        "application/octet-stream",
        body);
  }

  /** Reads the ids back from a delivery; null when the headers are missing (not a ferry task). */
  static TaskMessage fromDelivery(AMQP.BasicProperties props, byte[] body) {
    Map<String, Object> headers = props.getHeaders();
    if (headers == null || headers.get(JOB_HEADER) == null || headers.get(TASK_HEADER) == null) {
      return null;
    }
    return new TaskMessage(
        headers.get(JOB_HEADER).toString(), headers.get(TASK_HEADER).toString(), body);
  }
}
