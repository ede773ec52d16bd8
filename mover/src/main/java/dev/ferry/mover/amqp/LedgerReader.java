package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
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
 *
 * <p>A reader started with {@link #startAtEnd} skips the history instead: it folds only the entries
 * written after it attached, for a client that follows a job it is about to submit. After a
 * reconnection or a reopened channel it reads from the first entry again, since entries written
 * during the outage would otherwise be lost to it.
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
  private RecoveryListener rewind;
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

  synchronized Channel channel() {
    return channel;
  }

  public synchronized void start() throws IOException {
    subscribe("first");
  }

  /**
   * Starts at the end of the stream: returns once the reader is attached and sees new entries (a
   * marker it wrote came back), so everything written after this call is folded.
   */
  public void startAtEnd(Duration patience) throws IOException, InterruptedException {
    synchronized (this) {
      subscribe("next");
      if (connection instanceof Recoverable r) {
        // The client library would resubscribe at the end again, missing the outage's entries.
        rewind =
            new RecoveryListener() {
              @Override
              public void handleRecovery(Recoverable recovered) {
                rewindToFirst();
              }

              @Override
              public void handleRecoveryStarted(Recoverable recovering) {}
            };
        r.addRecoveryListener(rewind);
      }
    }
    catchUp(patience);
  }

  private synchronized void rewindToFirst() {
    if (closing) {
      return;
    }
    try {
      subscribe("first"); // the old channel's entries meanwhile were folded, which is harmless
    } catch (IOException | AlreadyClosedException e) {
      reopener.reopenInBackground(); // start() reads from the first entry as well
    }
  }

  private void subscribe(String offset) throws IOException {
    channel = reopener.replace(channel, connection, ch -> consume(ch, offset));
  }

  private void consume(Channel ch, String offset) throws IOException {
    ch.basicQos(PREFETCH);
    ch.basicConsume(
        settings.topology().ledgerStream(),
        false,
        Map.of("x-stream-offset", offset),
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

          @Override
          public void handleCancel(String tag) {
            reopener.reopenInBackground(); // the broker cancelled us: the stream was deleted
          }
        });
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
    for (long seen = ledger.changes(); !ledger.sawMarker(id); seen = ledger.changes()) {
      if (clock.instant().isAfter(deadline)) {
        throw new BrokerUnavailableException(
            "the ledger stream did not catch up within " + patience.toSeconds() + " s");
      }
      ledger.awaitChange(seen, 200);
    }
  }

  @Override
  public synchronized void close() {
    closing = true;
    if (rewind != null && connection instanceof Recoverable r) {
      r.removeRecoveryListener(rewind);
    }
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
