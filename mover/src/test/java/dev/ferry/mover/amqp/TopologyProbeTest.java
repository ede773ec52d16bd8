package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Against the real broker: absent, matching and mismatching queues, bad password, no broker. */
class TopologyProbeTest {
  private static BrokerSettings settings(String uri, String prefix) {
    return BrokerSettings.of(uri, Topology.named(prefix));
  }

  private static Connection connect() throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(TestBroker.uri());
    return f.newConnection("probe test");
  }

  @Test
  void absentQueuesAreReportedAndNotCreated() throws Exception {
    String prefix = TestBroker.uniqueName("probe-absent");
    TopologyProbe.Result r = TopologyProbe.probe(settings(TestBroker.uri(), prefix));
    assertEquals(TopologyProbe.State.ABSENT, r.state(), r.detail());
    assertTrue(r.detail().contains(prefix + ".tasks"), r.detail());
    try (Connection c = connect()) {
      assertFalse(exists(c, prefix + ".tasks"), "the probe must not declare anything");
    }
  }

  @Test
  void declaredQueuesMatchAndOtherArgumentsDoNot() throws Exception {
    String prefix = TestBroker.uniqueName("probe-match");
    Topology t = Topology.named(prefix);
    try (Connection c = connect();
        Channel ch = c.createChannel()) {
      t.declare(ch);
      try {
        TopologyProbe.Result r = TopologyProbe.probe(settings(TestBroker.uri(), prefix));
        assertEquals(TopologyProbe.State.MATCHES, r.state(), r.detail());

        TopologyProbe.Result other =
            TopologyProbe.probe(
                BrokerSettings.of(TestBroker.uri(), new Topology(prefix, t.deliveryLimit() + 1)));
        assertEquals(TopologyProbe.State.MISMATCH, other.state(), other.detail());
        assertTrue(other.detail().contains("x-delivery-limit"), other.detail());
      } finally {
        try (Channel cleanup = c.createChannel()) {
          t.delete(cleanup);
        }
      }
    }
  }

  @Test
  void aWrongPasswordIsRefusedAndNeverPrinted() throws Exception {
    URI good = URI.create(TestBroker.uri());
    String bad =
        good.getScheme()
            + "://guest:not-the-password@"
            + good.getHost()
            + ":"
            + good.getPort()
            + good.getRawPath();
    TopologyProbe.Result r = TopologyProbe.probe(settings(bad, "ferry"));
    assertEquals(TopologyProbe.State.REFUSED, r.state(), r.detail());
    assertFalse(r.detail().contains("not-the-password"), r.detail());
  }

  @Test
  void noBrokerIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TopologyProbe.Result r =
        TopologyProbe.probe(settings("amqp://guest:guest@127.0.0.1:" + port + "/%2F", "ferry"));
    assertEquals(TopologyProbe.State.UNREACHABLE, r.state(), r.detail());
  }

  private static boolean exists(Connection c, String queue) throws Exception {
    try (Channel ch = c.createChannel()) {
      ch.queueDeclarePassive(queue);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
