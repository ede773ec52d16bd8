package dev.ferry.mover.amqp;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;

/**
 * The broker objects of one ferry installation, all named from one prefix: a durable quorum task
 * queue with a bounded delivery limit, its dead-letter exchange and queue, and the ledger stream.
 *
 * @param prefix the common name prefix ({@code ferry} in production; tests use unique ones)
 * @param deliveryLimit how many times a task may be returned to the queue before it is
 *     dead-lettered; RabbitMQ 3.x has no default, so it is always set
 */
public record Topology(String prefix, int deliveryLimit) {
  /**
   * The delay queue's message TTL, fixed when the queue was first declared (queue arguments cannot
   * change once the queue exists): an upper bound. Tokens carry the shorter {@link
   * #TOKEN_TICK_MILLIS} themselves.
   */
  public static final int COORDINATION_TICK_MILLIS = 500;

  /**
   * How long a job token waits between two looks at its job (per-message TTL). A deferred wave
   * starts at the coordinator's next look after the tasks it waits for, so the tick is on a job's
   * critical path: with 500 ms, two workers finished the benchmark's job 0.2 s later on average
   * (the last tasks of a job go too fast for any "near the end" test to switch ticks in time). Each
   * look costs the broker a confirmed publish, a dead-letter and a delivery: ten a second per
   * unfinished job.
   */
  public static final int TOKEN_TICK_MILLIS = 100;

  /** The production default: tasks are tried up to six times (the first delivery plus five). */
  public static final int DEFAULT_DELIVERY_LIMIT = 5;

  public Topology {
    if (prefix == null || !prefix.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException(
          "the queue prefix must be 1-100 letters, digits, '.', '_' or '-'");
    }
    if (deliveryLimit < 1) {
      throw new IllegalArgumentException("the delivery limit must be at least 1");
    }
  }

  public static Topology named(String prefix) {
    return new Topology(prefix, DEFAULT_DELIVERY_LIMIT);
  }

  public String taskQueue() {
    return prefix + ".tasks";
  }

  public String deadLetterExchange() {
    return prefix + ".dlx";
  }

  public String deadLetterQueue() {
    return prefix + ".dead";
  }

  public String ledgerStream() {
    return prefix + ".ledger";
  }

  /**
   * One token per unfinished job; the worker holding it moves the job along (see JobCoordinator).
   */
  public String coordinationQueue() {
    return prefix + ".jobs";
  }

  /** Where tokens wait one tick before they return to the coordination queue. */
  public String coordinationDelayQueue() {
    return prefix + ".jobs.wait";
  }

  /** Declares everything; idempotent when the objects exist with the same arguments. */
  void declare(Channel ch) throws IOException {
    ch.exchangeDeclare(deadLetterExchange(), BuiltinExchangeType.FANOUT, true);
    ch.queueDeclare(deadLetterQueue(), true, false, false, Map.of("x-queue-type", "quorum"));
    ch.queueBind(deadLetterQueue(), deadLetterExchange(), "");
    ch.queueDeclare(
        taskQueue(),
        true,
        false,
        false,
        Map.of(
            "x-queue-type", "quorum",
            "x-delivery-limit", deliveryLimit,
            "x-dead-letter-exchange", deadLetterExchange(),
            // The default (at-most-once) may lose the dead-lettered copy; this one may not, and
            // it requires reject-publish overflow.
            "x-dead-letter-strategy", "at-least-once",
            "x-overflow", "reject-publish"));
    ch.queueDeclare(coordinationQueue(), true, false, false, Map.of("x-queue-type", "quorum"));
    ch.queueDeclare(
        coordinationDelayQueue(),
        true,
        false,
        false,
        Map.of(
            "x-queue-type", "quorum",
            "x-message-ttl", COORDINATION_TICK_MILLIS,
            "x-dead-letter-exchange", "",
            "x-dead-letter-routing-key", coordinationQueue(),
            "x-dead-letter-strategy", "at-least-once",
            "x-overflow", "reject-publish"));
    ch.queueDeclare(
        ledgerStream(), true, false, false, Map.of("x-queue-type", "stream", "x-max-age", "30D"));
  }

  /** Deletes everything (tests, and operators retiring an installation). */
  void delete(Channel ch) throws IOException {
    ch.queueDelete(taskQueue());
    ch.queueDelete(deadLetterQueue());
    ch.queueDelete(ledgerStream());
    ch.queueDelete(coordinationQueue());
    ch.queueDelete(coordinationDelayQueue());
    ch.exchangeDelete(deadLetterExchange());
  }
}
