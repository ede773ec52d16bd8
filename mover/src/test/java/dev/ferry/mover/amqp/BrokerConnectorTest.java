package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  /** A user who may not create the queues is told so at once, not after the patience. */
  @Test
  void aUserWithoutPermissionOnTheQueuesFailsAtOnce() throws Exception {
    BrokerControl.requireLocalControl();
    String user = TestBroker.uniqueName("ferry-readonly");
    BrokerControl.addUser(user, "secret", "^$", "^$", ".*");
    try {
      long t0 = System.nanoTime();
      BrokerUnavailableException e = connect(with(user + ":secret", "%2F"));
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      assertTrue(e.getMessage().contains("ACCESS_REFUSED"), e.getMessage());
      assertTrue(seconds < PATIENCE.toSeconds() / 2, "refused after " + seconds + " s");
    } finally {
      BrokerControl.deleteUser(user);
    }
  }

  /** Queues declared with other arguments (an older ferry, a hand-made queue) are final at once. */
  @Test
  void queuesWithOtherArgumentsAreRefusedAtOnce() throws Exception {
    Topology installed = Topology.named(TestBroker.uniqueName("connector-other"));
    BrokerSettings theirs = BrokerSettings.of(TestBroker.uri(), installed);
    new BrokerConnector(theirs, Clock.systemUTC()).connect("installer", null).close();
    try {
      BrokerSettings ours =
          BrokerSettings.of(
                  TestBroker.uri(), new Topology(installed.prefix(), installed.deliveryLimit() + 1))
              .withConnectPatience(PATIENCE);
      long t0 = System.nanoTime();
      TopologyMismatchException e =
          assertThrows(
              TopologyMismatchException.class,
              () -> new BrokerConnector(ours, Clock.systemUTC()).connect("newcomer", null));
      long millis = (System.nanoTime() - t0) / 1_000_000L;
      assertTrue(e.getMessage().contains("x-delivery-limit"), e.getMessage());
      assertTrue(millis < PATIENCE.toMillis() / 2, "refused after " + millis + " ms");
    } finally {
      deleteTopology(theirs);
    }
  }

  /**
   * Workers started together on a broker that has never seen the installation (pdsh over every
   * mover node, the first time) all declare the queues at once. The broker acknowledges a
   * declaration of a stream another connection is still creating before the stream can be read, and
   * then refuses a reader (406, no replica on the local node) or drops its whole connection (541,
   * stream_not_found). A connection is handed out only once the ledger can be read.
   */
  @Test
  void processesStartingTogetherOnAFreshInstallationAllReadTheLedger() throws Exception {
    int rounds = 10;
    int together = 6;
    ExecutorService pool = Executors.newFixedThreadPool(together);
    List<String> failures = new ArrayList<>();
    try {
      for (int round = 0; round < rounds; round++) {
        BrokerSettings settings =
            BrokerSettings.of(
                    TestBroker.uri(), Topology.named(TestBroker.uniqueName("connector-race")))
                .withConnectPatience(PATIENCE);
        List<Future<String>> starts = new ArrayList<>();
        for (int i = 0; i < together; i++) {
          starts.add(pool.submit(readerStart(settings, "racer-" + i)));
        }
        try {
          for (Future<String> f : starts) {
            String failure = f.get();
            if (failure != null) {
              failures.add(failure);
            }
          }
        } finally {
          deleteTopology(settings);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), failures);
  }

  /** Connects and reads the ledger to its end; returns why that failed, or null. */
  private static Callable<String> readerStart(BrokerSettings settings, String name) {
    return () -> {
      Clock clock = Clock.systemUTC();
      Connection c = null;
      try {
        c = new BrokerConnector(settings, clock).connect(name, null);
        try (LedgerReader reader = new LedgerReader(c, settings, new JobLedger(), clock, name)) {
          reader.start();
          reader.catchUp(PATIENCE);
        }
        return null;
      } catch (Exception e) {
        return name + ": " + Failures.describe(e);
      } finally {
        if (c != null) {
          c.close();
        }
      }
    };
  }

  /** Removes a test's queues on a plain connection: declaring them first could race as well. */
  private static void deleteTopology(BrokerSettings settings) throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(settings.uri());
    try (Connection c = f.newConnection("cleanup");
        Channel ch = c.createChannel()) {
      settings.topology().delete(ch);
    }
  }
}
