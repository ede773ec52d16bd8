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
    byte[] prefix = (parent.taskId() + "/" + index + "/").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(body, 0, all, prefix.length, body.length);
    return new TaskMessage(parent.jobId(), UUID.nameUUIDFromBytes(all).toString(), body);
  }

  /** A root task of a new job. */
  static TaskMessage root(String jobId, byte[] body) {
    return new TaskMessage(jobId, UUID.randomUUID().toString(), body);
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
