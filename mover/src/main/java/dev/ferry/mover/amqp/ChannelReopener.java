package dev.ferry.mover.amqp;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Reopens a consuming channel that the broker closed. The client recovers lost connections with
 * their channels, but a channel closed by a channel error (406 after a consumer timeout, or a
 * protocol error) stays closed for good unless someone opens a new one.
 */
final class ChannelReopener {
  /** Opens the channel and subscribes its consumer again. */
  interface Opener {
    void open() throws IOException;
  }

  private final String name;
  private final Duration interval;
  private final BooleanSupplier stopped;
  private final Opener opener;

  ChannelReopener(String name, Duration interval, BooleanSupplier stopped, Opener opener) {
    this.name = name;
    this.interval = interval;
    this.stopped = stopped;
    this.opener = opener;
  }

  /** What subscribes a consumer on a new channel. */
  interface Subscription {
    void subscribe(Channel channel) throws IOException;
  }

  /**
   * A new channel on {@code connection} with {@code subscription} made, watched from then on: when
   * the broker closes it, it is reopened. A channel whose subscription failed is aborted and not
   * watched: the attempt that opened it retries, and a second retry loop per failure would multiply
   * (an operator deleting the task queue once made each worker open channels in a tightening loop
   * until the connection had none left).
   */
  Channel open(Connection connection, Subscription subscription) throws IOException {
    Channel ch = connection.createChannel();
    if (ch == null) {
      throw new IOException("the connection has no channel left");
    }
    try {
      subscription.subscribe(ch);
    } catch (IOException | RuntimeException e) {
      ch.abort();
      throw e;
    }
    ch.addShutdownListener(this::onChannelClosed); // fires at once if it closed meanwhile
    return ch;
  }

  /**
   * As {@link #open}, in place of {@code old} (null for none), which is then aborted: after a
   * broker's cancel it is still open, holding nothing.
   */
  Channel replace(Channel old, Connection connection, Subscription subscription)
      throws IOException {
    Channel ch = open(connection, subscription);
    if (old != null) {
      old.abort();
    }
    return ch;
  }

  /** A channel shutdown listener that reopens after channel errors only. */
  void onChannelClosed(ShutdownSignalException why) {
    if (!stopped.getAsBoolean() && !why.isHardError() && !why.isInitiatedByApplication()) {
      reopenInBackground();
    }
  }

  /** Keeps trying to open, one interval apart, until it worked or the owner stopped. */
  void reopenInBackground() {
    Thread t =
        new Thread(
            () -> {
              while (!stopped.getAsBoolean()) {
                try {
                  Thread.sleep(interval.toMillis());
                  opener.open();
                  return;
                } catch (IOException | AlreadyClosedException e) {
                  // The connection may be recovering too: try again after the next interval.
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            name);
    t.setDaemon(true);
    t.start();
  }
}
