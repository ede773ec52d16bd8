package dev.ferry.mover.amqp;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Publishes batches of persistent messages and returns only once the broker has confirmed every one
 * of them. A batch that fails (nack, timeout, connection lost, channel closed) is published again,
 * whole, once the connection is back, until the patience runs out; consumers therefore see
 * duplicates, and must (and do) treat them as harmless. Mandatory publishing turns a missing queue
 * into an error instead of a silent drop. Not thread-safe: one per publishing thread.
 */
final class ConfirmingPublisher implements AutoCloseable {
  private final Connection connection;
  private final BrokerSettings settings;
  private final Clock clock;
  private final Set<String> returned = ConcurrentHashMap.newKeySet();
  private Channel channel;

  ConfirmingPublisher(Connection connection, BrokerSettings settings, Clock clock) {
    this.connection = connection;
    this.settings = settings;
    this.clock = clock;
  }

  void publish(List<Publication> batch) throws InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    Instant deadline = clock.instant().plus(settings.publishPatience());
    while (true) {
      Exception failure;
      try {
        publishOnce(batch);
        return;
      } catch (IOException | ShutdownSignalException | TimeoutException | IllegalStateException e) {
        failure = e;
      }
      if (clock.instant().isAfter(deadline)) {
        throw new BrokerUnavailableException(
            "the broker did not confirm "
                + batch.size()
                + " message(s) within "
                + settings.publishPatience().toSeconds()
                + " s: "
                + Failures.describe(failure),
            failure);
      }
      Thread.sleep(settings.recoveryInterval().toMillis());
    }
  }

  private void publishOnce(List<Publication> batch)
      throws IOException, TimeoutException, InterruptedException {
    Channel ch = openChannel();
    returned.clear();
    for (Publication p : batch) {
      ch.basicPublish("", p.queue(), true, p.properties(), p.body());
    }
    ch.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
    if (!returned.isEmpty()) {
      // The queue vanished (deleted by an operator?): declare it again and republish.
      settings.topology().declare(ch);
      throw new IOException(returned.size() + " message(s) were unroutable");
    }
  }

  /**
   * The confirm-mode channel. A channel the broker closed with a channel error is never recovered
   * automatically, and one that was closed with the connection has lost its unconfirmed
   * publications anyway, so either is replaced by a fresh channel once the connection is back.
   */
  private Channel openChannel() throws IOException {
    if (channel != null && channel.isOpen()) {
      return channel;
    }
    if (!connection.isOpen()) {
      throw new IOException("the connection is recovering");
    }
    if (channel != null) {
      channel.abort();
    }
    Channel ch = connection.createChannel();
    ch.confirmSelect();
    ch.addReturnListener(r -> returned.add(String.valueOf(r.getProperties().getMessageId())));
    channel = ch;
    return ch;
  }

  @Override
  public void close() {
    if (channel != null && channel.isOpen()) {
      try {
        channel.close();
      } catch (IOException | TimeoutException | AlreadyClosedException e) {
        // Closing is best effort: every publication was confirmed or reported already.
      }
    }
  }
}
