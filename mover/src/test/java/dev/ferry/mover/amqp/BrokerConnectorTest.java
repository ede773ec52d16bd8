package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Against the real broker: a refusal is final at once; an unreachable broker is retried. */
class BrokerConnectorTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static BrokerUnavailableException connect(String uri) {
    BrokerSettings settings =
        BrokerSettings.of(uri, Topology.named(TestBroker.uniqueName("connector")))
            .withConnectPatience(PATIENCE);
    return assertThrows(
        BrokerUnavailableException.class,
        () -> new BrokerConnector(settings, Clock.systemUTC()).connect("connector-test", null));
  }

  /** The broker's URI with its user information or virtual host replaced. */
  private static String with(String userInfo, String vhost) throws Exception {
    URI u = URI.create(TestBroker.uri());
    return new URI(u.getScheme(), userInfo, u.getHost(), u.getPort(), null, null, null)
        + "/"
        + vhost;
  }

  @Test
  void wrongCredentialsFailAtOnceInsteadOfRetryingForThePatience() throws Exception {
    long t0 = System.nanoTime();
    BrokerUnavailableException e = connect(with("ferry-nobody:wrong", "%2F"));
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertTrue(e.getMessage().contains("refused the connection"), e.getMessage());
    assertTrue(e.getMessage().contains("ACCESS_REFUSED"), e.getMessage());
    assertTrue(seconds < PATIENCE.toSeconds() / 2, "took " + seconds + " s");
    assertTrue(!e.getMessage().contains("wrong"), "the password is in: " + e.getMessage());
  }

  @Test
  void aVirtualHostThatDoesNotExistFailsAtOnce() throws Exception {
    long t0 = System.nanoTime();
    BrokerUnavailableException e =
        connect(with(URI.create(TestBroker.uri()).getUserInfo(), "ferry-no-such-vhost"));
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertTrue(e.getMessage().contains("refused the connection"), e.getMessage());
    assertTrue(e.getMessage().contains("ferry-no-such-vhost"), e.getMessage());
    assertTrue(seconds < PATIENCE.toSeconds() / 2, "took " + seconds + " s");
  }

  @Test
  void aBrokerThatDoesNotAnswerIsRetriedForThePatience() {
    BrokerSettings settings =
        BrokerSettings.of("amqp://guest:guest@127.0.0.1:1/%2F", Topology.named("unused"))
            .withConnectPatience(Duration.ofSeconds(3));
    long t0 = System.nanoTime();
    BrokerUnavailableException e =
        assertThrows(
            BrokerUnavailableException.class,
            () -> new BrokerConnector(settings, Clock.systemUTC()).connect("connector-test", null));
    long millis = (System.nanoTime() - t0) / 1_000_000L;
    assertTrue(e.getMessage().contains("unreachable for 3 s"), e.getMessage());
    assertTrue(millis >= 3000, "gave up after " + millis + " ms");
  }
}
