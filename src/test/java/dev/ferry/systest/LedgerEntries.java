package dev.ferry.systest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.ferry.mover.amqp.Topology;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a test's whole ledger stream, to check what happened where. */
final class LedgerEntries {
  private LedgerEntries() {}

  /** Every entry of the stream, oldest first: reads until nothing new came for two seconds. */
  static List<JsonNode> read(String brokerUri, String prefix) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> entries = new ArrayList<>();
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(brokerUri);
    try (Connection c = f.newConnection("ferry-systest-ledger");
        Channel ch = c.createChannel()) {
      ch.basicQos(1000);
      ch.basicConsume(
          Topology.named(prefix).ledgerStream(),
          false,
          Map.of("x-stream-offset", "first"),
          new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(
                String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                throws IOException {
              synchronized (entries) {
                entries.add(json.readTree(body));
              }
              ch.basicAck(env.getDeliveryTag(), false);
            }
          });
      int seen = -1;
      while (true) {
        Thread.sleep(2000);
        synchronized (entries) {
          if (entries.size() == seen) {
            return new ArrayList<>(entries);
          }
          seen = entries.size();
        }
      }
    }
  }

  /**
   * The workers that ran the chunks of large files: the tasks a commit waits for ({@code
   * finish.after} of a DONE entry), looked up in their own DONE entries.
   */
  static Set<String> chunkWorkers(List<JsonNode> entries) {
    Set<String> chunks = new HashSet<>();
    for (JsonNode e : entries) {
      e.path("finish").path("after").forEach(id -> chunks.add(id.asText()));
    }
    Set<String> workers = new HashSet<>();
    for (JsonNode e : entries) {
      if (e.path("type").asText().equals("DONE") && chunks.contains(e.path("task").asText())) {
        workers.add(e.path("worker").asText());
      }
    }
    return workers;
  }

  /** How many chunk tasks the commits of the stream wait for. */
  static int chunkCount(List<JsonNode> entries) {
    Set<String> chunks = new HashSet<>();
    for (JsonNode e : entries) {
      e.path("finish").path("after").forEach(id -> chunks.add(id.asText()));
    }
    return chunks.size();
  }
}
