package dev.ferry.mover.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** Removes a test's queues, stream and exchange from the shared test broker. */
public final class TopologyCleanup {
  private TopologyCleanup() {}

  public static void delete(String brokerUri, String prefix) throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(brokerUri);
    try (Connection c = f.newConnection("ferry-test-cleanup");
        Channel ch = c.createChannel()) {
      Topology.named(prefix).delete(ch);
    }
  }
}
