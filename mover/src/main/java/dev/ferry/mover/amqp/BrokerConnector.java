package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.MetricsCollector;
import com.rabbitmq.client.NoOpMetricsCollector;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * Opens recovering connections. The client library recovers connections that once succeeded, but
 * not the first attempt, so that one is retried here until the settings' patience runs out, unless
 * the broker refused it.
 */
public final class BrokerConnector {
  private final BrokerSettings settings;
  private final Clock clock;
  private final MetricsCollector metrics;

  public BrokerConnector(BrokerSettings settings, Clock clock) {
    this(settings, clock, new NoOpMetricsCollector());
  }

  /** As above, with the client's own metrics (published, consumed, acknowledged...) recorded. */
  public BrokerConnector(BrokerSettings settings, Clock clock, MetricsCollector metrics) {
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
  }

  public BrokerSettings settings() {
    return settings;
  }

  /**
   * A connection with automatic connection and topology recovery whose topology is declared.
   *
   * @param name shown in the broker's management UI
   * @param consumerPool runs consumer callbacks; null for the client's default pool
   */
  public Connection connect(String name, ExecutorService consumerPool) throws InterruptedException {
    ConnectionFactory factory = factory();
    QuietUntilOpen log = new QuietUntilOpen();
    factory.setExceptionHandler(log);
    if (consumerPool != null) {
      factory.setSharedExecutor(consumerPool);
    }
    Instant deadline = clock.instant().plus(settings.connectPatience());
    Exception last;
    boolean answered = false;
    while (true) {
      Connection c = null;
      try {
        c = factory.newConnection(name);
        answered = true;
        declareTopology(c);
        awaitLedger(c);
        log.open = true;
        return c;
      } catch (TopologyMismatchException e) {
        c.abort();
        throw e;
      } catch (IOException | TimeoutException | RuntimeException e) {
        if (c != null) {
          c.abort();
        }
        String refusal = refusal(e);
        if (refusal != null) {
          throw new BrokerUnavailableException(
              "broker " + settings.redactedUri() + " refused the connection: " + refusal, e);
        }
        last = e;
      }
      if (clock.instant().isAfter(deadline)) {
        String what =
            answered
                ? " answered, but its queues of '"
                    + settings.topology().prefix()
                    + "' were not"
                    + " usable for "
                : " unreachable for ";
        throw new BrokerUnavailableException(
            "broker "
                + settings.redactedUri()
                + what
                + settings.connectPatience().toSeconds()
                + " s: "
                + Failures.describe(last),
            last);
      }
      Thread.sleep(settings.recoveryInterval().toMillis());
    }
  }

  /**
   * The client library's handler, silent about the failures of connections not handed out yet: a
   * refused login resets the socket, and a broker still creating the ledger stream may close a
   * connection that is then tried again; the library would log either as a warning.
   */
  private static final class QuietUntilOpen extends DefaultExceptionHandler {
    volatile boolean open;

    @Override
    public void handleUnexpectedConnectionDriverException(Connection conn, Throwable e) {
      if (open) {
        super.handleUnexpectedConnectionDriverException(conn, e);
      }
    }
  }

  /**
   * Why the broker answered and said no, or null: wrong credentials, a virtual host that does not
   * exist or that the user may not use, or queues the user may not declare or read. Waiting would
   * not change it, so the first answer is final.
   */
  private static String refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationFailureException) {
        return t.getMessage();
      }
      if (t instanceof ShutdownSignalException s
          && s.getReason() instanceof AMQP.Connection.Close close
          && (close.getReplyCode() == AMQP.NOT_ALLOWED
              || close.getReplyCode() == AMQP.ACCESS_REFUSED)) {
        return close.getReplyText();
      }
      AMQP.Channel.Close channel = channelClose(t);
      if (channel != null && channel.getReplyCode() == AMQP.ACCESS_REFUSED) {
        return channel.getReplyText();
      }
    }
    return null;
  }

  private ConnectionFactory factory() {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(settings.uri().strip());
    } catch (Exception e) {
      throw new IllegalArgumentException("bad broker URI " + settings.redactedUri(), e);
    }
    factory.setMetricsCollector(metrics);
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(settings.recoveryInterval().toMillis());
    factory.setConnectionTimeout(10_000);
    factory.setRequestedHeartbeat(30);
    return factory;
  }

  /**
   * Declares the queues on a channel that stays open: the client re-declares what a live channel
   * declared when it recovers the connection, which restores queues a broker lost. Only a
   * precondition failure is final here (the queues exist with other arguments); anything else
   * (another process declaring the same queues at this moment) is retried by the caller.
   */
  private void declareTopology(Connection c) throws IOException {
    try {
      Channel ch = c.createChannel();
      settings.topology().declare(ch);
    } catch (IOException e) {
      AMQP.Channel.Close close = channelClose(e.getCause());
      if (close == null || close.getReplyCode() != AMQP.PRECONDITION_FAILED) {
        throw e;
      }
      throw new TopologyMismatchException(
          "cannot declare the queues of '"
              + settings.topology().prefix()
              + "' on the broker (do they exist with other arguments?): "
              + Failures.describe(e),
          e);
    }
  }

  /**
   * Returns once the ledger stream can be read on this connection. When processes declare a new
   * installation's queues at once (every worker of a site started together), the broker confirms
   * the stream to all of them before it can serve readers: for a few milliseconds a reader is
   * refused (406, the stream has no replica on this node yet) or its whole connection is closed
   * (541). A reader that attaches at the stream's end and detaches at once reads nothing.
   */
  private void awaitLedger(Connection c) throws IOException, TimeoutException {
    try (Channel ch = c.createChannel()) {
      ch.basicQos(1);
      String tag =
          ch.basicConsume(
              settings.topology().ledgerStream(),
              false,
              Map.of("x-stream-offset", "next"),
              new DefaultConsumer(ch));
      ch.basicCancel(tag);
    }
  }

  /** The broker's closing of a channel that {@code t} reports, or null. */
  private static AMQP.Channel.Close channelClose(Throwable t) {
    return t instanceof ShutdownSignalException s && s.getReason() instanceof AMQP.Channel.Close c
        ? c
        : null;
  }
}
