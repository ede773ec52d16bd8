package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Turns every dead-lettered task into a FAILED entry of its job, so that nothing is dropped
 * silently: the broker dead-letters a task that was returned more often than the delivery limit
 * allows (for example because it crashed every worker that took it). The entry is confirmed before
 * the dead letter is acknowledged.
 */
public final class DeadLetterReporter implements AutoCloseable {
  private static final int PREFETCH = 20;

  private final BrokerSettings settings;
  private final TaskProcessor describer;
  private final Clock clock;
  private final String name;
  private final ConfirmingPublisher publisher;
  private final AckingConsumer consumer;

  public DeadLetterReporter(
      Connection connection,
      BrokerSettings settings,
      TaskProcessor describer,
      Clock clock,
      String name) {
    this.settings = settings;
    this.describer = describer;
    this.clock = clock;
    this.name = name;
    this.publisher = new ConfirmingPublisher(connection, settings, clock);
    this.consumer =
        new AckingConsumer(
            connection,
            settings.topology().deadLetterQueue(),
            PREFETCH,
            settings.recoveryInterval(),
            "ferry-dead-letter-reopen",
            this::report);
  }

  public void start() throws IOException {
    consumer.start();
  }

  private void report(AMQP.BasicProperties props, byte[] body) throws InterruptedException {
    describer.givenUp();
    TaskMessage task = TaskMessage.fromDelivery(props, body);
    String job = task == null ? "unknown" : task.jobId();
    String id = task == null ? String.valueOf(props.getMessageId()) : task.taskId();
    List<String> what;
    try {
      what =
          task == null ? List.of("a message that is not a ferry task") : describer.describe(body);
    } catch (RuntimeException e) {
      what = List.of();
    }
    LedgerEvent failed = LedgerEvent.failed(job, id, what, reason(props), name, clock.millis());
    publisher.publish(List.of(failed.publication(settings.topology().ledgerStream())));
  }

  /** The broker's own account: {@code delivery_limit} after too many returns, for example. */
  static String reason(AMQP.BasicProperties props) {
    Map<String, Object> h = props.getHeaders();
    Object why = h == null ? null : h.get("x-first-death-reason");
    long deliveries = TaskWorker.deliveries(props);
    String text = "dead-lettered by the broker (" + (why == null ? "unknown reason" : why) + ")";
    return deliveries > 0 ? text + " after " + deliveries + " deliveries" : text;
  }

  @Override
  public void close() {
    publisher.close();
    consumer.close();
  }
}
