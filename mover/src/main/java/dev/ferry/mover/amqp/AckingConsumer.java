package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Consumes one queue with manual acks: each message is acknowledged only after its handler
 * returned, and a channel the broker closes is reopened. Unacknowledged messages go back to the
 * queue, for this consumer or another.
 */
final class AckingConsumer implements AutoCloseable {
  /** Handles one message; its effects must be durable when it returns. */
  interface Handler {
    void handle(AMQP.BasicProperties props, byte[] body) throws IOException, InterruptedException;
  }

  private final Connection connection;
  private final String queue;
  private final int prefetch;
  private final Handler handler;
  private final ChannelReopener reopener;
  private volatile boolean closing;
  private volatile Channel channel;

  AckingConsumer(
      Connection connection,
      String queue,
      int prefetch,
      Duration reopenInterval,
      String threadName,
      Handler handler) {
    this.connection = connection;
    this.queue = queue;
    this.prefetch = prefetch;
    this.handler = handler;
    this.reopener = new ChannelReopener(threadName, reopenInterval, () -> closing, this::start);
  }

  synchronized void start() throws IOException {
    channel = reopener.replace(channel, connection, this::subscribe);
  }

  private void subscribe(Channel ch) throws IOException {
    ch.basicQos(prefetch);
    ch.basicConsume(
        queue,
        false,
        new DefaultConsumer(ch) {
          @Override
          public void handleDelivery(
              String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
              throws IOException {
            try {
              handler.handle(props, body);
              getChannel().basicAck(env.getDeliveryTag(), false);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (AlreadyClosedException e) {
              // The message comes back through the broker's redelivery.
            }
          }

          @Override
          public void handleCancel(String tag) {
            reopener.reopenInBackground(); // the broker cancelled us: the queue was deleted
          }
        });
  }

  @Override
  public void close() {
    closing = true;
    Channel ch = channel;
    try {
      if (ch != null && ch.isOpen()) {
        ch.close();
      }
    } catch (IOException | TimeoutException | AlreadyClosedException e) {
      // Unacknowledged messages return to their queue.
    }
  }
}
