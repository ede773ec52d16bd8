package dev.ferry.mover.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One test's own installation on the shared broker: unique queue names, short patience, and
 * everything removed afterwards.
 */
final class BrokerFixture {
  final BrokerSettings settings;
  final Clock clock = Clock.systemUTC();
  private final List<AutoCloseable> opened = new ArrayList<>();

  BrokerFixture(int deliveryLimit) {
    Topology topology = new Topology(TestBroker.uniqueName("ferry-test"), deliveryLimit);
    settings =
        new BrokerSettings(
            TestBroker.uri(),
            topology,
            Duration.ofSeconds(10),
            Duration.ofMillis(500),
            Duration.ofSeconds(10),
            Duration.ofSeconds(90));
  }

  JobClient client(String name) throws InterruptedException {
    JobClient c = JobClient.connect(settings, clock, name);
    opened.add(c);
    return c;
  }

  WorkerNode worker(TaskProcessor processor, int threads, String name) throws InterruptedException {
    return worker(processor, threads, 1, name);
  }

  WorkerNode worker(TaskProcessor processor, int threads, int prefetch, String name)
      throws InterruptedException {
    WorkerNode w =
        WorkerNode.start(
            settings, processor, new TaskWorker.Options(threads, prefetch, name), clock);
    opened.add(() -> w.stop(Duration.ofSeconds(5)));
    return w;
  }

  /** A worker whose processor needs the jobs (their pass and options) from the ledger. */
  WorkerNode worker(Function<JobDirectory, TaskProcessor> processors, int threads, String name)
      throws InterruptedException {
    WorkerNode w =
        WorkerNode.start(settings, processors, new TaskWorker.Options(threads, 1, name), clock);
    opened.add(() -> w.stop(Duration.ofSeconds(5)));
    return w;
  }

  /** A plain connection without recovery, for poking at the broker directly. */
  Connection rawConnection() throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(settings.uri());
    f.setAutomaticRecoveryEnabled(false);
    Connection c = f.newConnection("ferry-test-raw");
    opened.add(c::abort);
    return c;
  }

  void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    Connection c = rawConnection();
    try (Channel ch = c.createChannel()) {
      settings.topology().delete(ch);
    }
    c.close();
  }
}
