package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Prints where the time of one distributed job went, from its ledger entries' timestamps: when it
 * was created, how many tasks finished in each interval, when each wave of deferred tasks was
 * released, and when the last entry came. A profiling aid for the distributed benchmark: {@code
 * java -cp ... dev.ferry.bench.LedgerTimeline URI PREFIX JOB [BUCKET_MS]}.
 */
public final class LedgerTimeline {
  private LedgerTimeline() {}

  /** One ledger entry, reduced to what the timeline shows. */
  record Entry(String type, long at, String worker, int tasks, boolean deferred, long copied) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: LedgerTimeline URI PREFIX JOB [BUCKET_MS]");
      System.exit(2);
    }
    long bucket = args.length > 3 ? Long.parseLong(args[3]) : 100;
    List<Entry> entries = read(args[0], args[1] + ".ledger", args[2]);
    System.out.print(describe(entries, bucket));
  }

  /** Reads the job's entries from the start of the stream up to its end as it was when called. */
  static List<Entry> read(String uri, String stream, String job) throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(uri);
    ObjectMapper json = new ObjectMapper();
    List<Entry> entries = new ArrayList<>();
    try (Connection c = f.newConnection("ferry-ledger-timeline")) {
      Channel ch = c.createChannel();
      long end = c.createChannel().queueDeclarePassive(stream).getMessageCount();
      ch.basicQos(1000);
      Object done = new Object();
      long[] seen = {0};
      ch.basicConsume(
          stream,
          false,
          Map.of("x-stream-offset", "first"),
          new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(
                String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                throws IOException {
              JsonNode n = json.readTree(body);
              if (job.equals(n.path("job").asText())) {
                entries.add(
                    new Entry(
                        n.path("type").asText(),
                        n.path("at").asLong(),
                        n.path("worker").asText(),
                        n.path("tasks").size(),
                        n.has("finish"),
                        n.path("counters").path("copied").asLong()));
              }
              getChannel().basicAck(env.getDeliveryTag(), false);
              synchronized (done) {
                seen[0]++;
                done.notifyAll();
              }
            }
          });
      synchronized (done) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen[0] < end && System.nanoTime() < until) {
          done.wait(100);
        }
      }
    }
    return entries;
  }

  static String describe(List<Entry> entries, long bucket) {
    StringBuilder out = new StringBuilder();
    long t0 = entries.stream().mapToLong(Entry::at).min().orElse(0);
    long last = entries.stream().mapToLong(Entry::at).max().orElse(0);
    out.append(String.format("%d entries over %d ms%n", entries.size(), last - t0));
    TreeMap<Long, int[]> buckets = new TreeMap<>();
    for (Entry e : entries) {
      long b = (e.at() - t0) / bucket * bucket;
      int[] n = buckets.computeIfAbsent(b, k -> new int[3]);
      if (e.type().equals("DONE")) {
        n[e.deferred() ? 0 : e.copied() > 0 ? 1 : 2]++;
      }
      if (!e.type().equals("DONE")) {
        out.append(
            String.format(
                "%6d ms %s (%d tasks) by %s%n", e.at() - t0, e.type(), e.tasks(), e.worker()));
      }
    }
    out.append("  from ms: DONE of [listings with a deferred task, copying batches, others]\n");
    buckets.forEach(
        (b, n) -> out.append(String.format("%6d ms: %4d %4d %4d%n", b, n[0], n[1], n[2])));
    return out.toString();
  }
}
