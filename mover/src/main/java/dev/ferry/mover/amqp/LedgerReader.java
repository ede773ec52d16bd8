package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows the ledger stream from its first entry into a {@link JobLedger}. After the connection
 * recovers, the client subscribes again from the first entry and the whole stream is folded once
 * more, which the fold absorbs. A channel the broker closes is reopened the same way.
 */
public final class LedgerReader implements AutoCloseable {
  private static final int PREFETCH = 2000;

  private final Connection connection;
  private final BrokerSettings settings;
  private final JobLedger ledger;
  private final Clock clock;
  private final String name;
  private final AtomicLong unreadable = new AtomicLong();
  private final ChannelReopener reopener;
  private volatile boolean closing;
  private Channel channel;
  private ConfirmingPublisher markerPublisher;

  public LedgerReader(
      Connection connection, BrokerSettings settings, JobLedger ledger, Clock clock, String name) {
    this.connection = connection;
    this.settings = settings;
    this.ledger = ledger;
    this.clock = clock;
    this.name = name;
    this.reopener =
        new ChannelReopener(
            "ferry-ledger-reopen", settings.recoveryInterval(), () -> closing, this::start);
  }

  public JobLedger ledger() {
    return ledger;
  }

  /** Entries that could not be parsed (written by something else than ferry); skipped. */
  public long unreadable() {
    return unreadable.get();
  }

  public synchronized void start() throws IOException {
    Channel ch = connection.createChannel();
    ch.basicQos(PREFETCH);
    ch.addShutdownListener(reopener::onChannelClosed);
    ch.basicConsume(
        settings.topology().ledgerStream(),
        false,
        Map.of("x-stream-offset", "first"),
        new DefaultConsumer(ch) {
          @Override
          public void handleDelivery(
              String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
              throws IOException {
            try {
              ledger.apply(LedgerEvent.fromJson(body));
            } catch (IOException | RuntimeException e) {
              unreadable.incrementAndGet();
            }
            try {
              getChannel().basicAck(env.getDeliveryTag(), true);
            } catch (AlreadyClosedException e) {
              // Closing, or the connection dropped: the stream is read again from the start.
            }
          }
        });
    channel = ch;
  }

  /**
   * Returns once every entry written before this call has been folded: writes a marker and waits
   * until it comes back through the stream.
   *
   * @throws BrokerUnavailableException when the marker does not come back within the patience
   */
  public void catchUp(Duration patience) throws InterruptedException {
    String id = UUID.randomUUID().toString();
    synchronized (this) {
      if (markerPublisher == null) {
        markerPublisher = new ConfirmingPublisher(connection, settings, clock);
      }
      markerPublisher.publish(
          List.of(
              LedgerEvent.marker(id, name, clock.millis())
                  .publication(settings.topology().ledgerStream())));
    }
    Instant deadline = clock.instant().plus(patience);
    while (!ledger.sawMarker(id)) {
      if (clock.instant().isAfter(deadline)) {
        throw new BrokerUnavailableException(
            "the ledger stream did not catch up within " + patience.toSeconds() + " s");
      }
      ledger.awaitChange(200);
    }
  }

  @Override
  public synchronized void close() {
    closing = true;
    if (markerPublisher != null) {
      markerPublisher.close();
    }
    if (channel != null && channel.isOpen()) {
      try {
        channel.close();
      } catch (IOException | TimeoutException | AlreadyClosedException e) {
        // Nothing to lose: the reader only reads.
      }
    }
  }
}
