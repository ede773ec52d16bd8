package dev.ferry.mover.amqp;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Looks at the broker without changing it, for {@code ferry doctor}: one connection attempt (no
 * retries), then whether the installation's queues exist and were declared with the arguments this
 * version of ferry expects (a re-declaration with different arguments is refused by the broker,
 * which is exactly the check). Nothing is created: when a queue is missing, nothing is declared.
 */
public final class TopologyProbe {
  /** What the probe found. */
  public enum State {
    /** Connected; every queue exists with the expected arguments. */
    MATCHES,
    /** Connected; some queues do not exist yet (the first worker or job declares them). */
    ABSENT,
    /** Connected; a queue exists with other arguments: workers would refuse to start. */
    MISMATCH,
    /** The broker refused the user name or password. */
    REFUSED,
    /** No connection (DNS, TCP, TLS, timeout). */
    UNREACHABLE
  }

  /**
   * @param state the verdict
   * @param detail one line, never with credentials
   */
  public record Result(State state, String detail) {}

  private static final int TIMEOUT_MILLIS = 5_000;

  private TopologyProbe() {}

  public static Result probe(BrokerSettings settings) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(settings.uri().strip());
    } catch (Exception e) {
      return new Result(State.UNREACHABLE, "bad broker URI " + settings.redactedUri());
    }
    factory.setAutomaticRecoveryEnabled(false);
    // A refused login resets the connection; the verdict already says so, the log need not.
    factory.setExceptionHandler(
        new DefaultExceptionHandler() {
          @Override
          public void handleUnexpectedConnectionDriverException(Connection conn, Throwable e) {}
        });
    factory.setConnectionTimeout(TIMEOUT_MILLIS);
    factory.setHandshakeTimeout(TIMEOUT_MILLIS);
    try (Connection c = factory.newConnection("ferry doctor")) {
      return inspect(c, settings.topology());
    } catch (AuthenticationFailureException e) {
      return new Result(
          State.REFUSED,
          settings.redactedUri() + " refused the credentials: " + Failures.describe(e));
    } catch (IOException | TimeoutException e) {
      return new Result(
          State.UNREACHABLE, settings.redactedUri() + " unreachable: " + Failures.describe(e));
    }
  }

  private static Result inspect(Connection c, Topology t) throws IOException {
    List<String> absent = new ArrayList<>();
    List<String> queues =
        List.of(
            t.taskQueue(),
            t.deadLetterQueue(),
            t.ledgerStream(),
            t.coordinationQueue(),
            t.coordinationDelayQueue());
    for (String q : queues) {
      // A failed passive declare closes its channel, so each check gets its own.
      try (Channel ch = c.createChannel()) {
        ch.queueDeclarePassive(q);
      } catch (IOException e) {
        absent.add(q);
      } catch (TimeoutException e) {
        throw new IOException(e);
      }
    }
    if (!absent.isEmpty()) {
      return new Result(State.ABSENT, "connected; not declared yet: " + String.join(", ", absent));
    }
    try (Channel ch = c.createChannel()) {
      t.declare(ch);
    } catch (IOException e) {
      return new Result(
          State.MISMATCH, "queues of '" + t.prefix() + "' differ: " + Failures.describe(e));
    } catch (TimeoutException e) {
      throw new IOException(e);
    }
    return new Result(
        State.MATCHES,
        "connected; " + queues.size() + " queues of '" + t.prefix() + "' as expected");
  }
}
