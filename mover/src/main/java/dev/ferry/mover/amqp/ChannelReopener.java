package dev.ferry.mover.amqp;

import com.rabbitmq.client.AlreadyClosedException;
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
