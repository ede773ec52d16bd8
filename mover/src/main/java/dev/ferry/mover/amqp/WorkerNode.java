package dev.ferry.mover.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MetricsCollector;
import com.rabbitmq.client.NoOpMetricsCollector;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Everything one {@code ferry worker} process runs on its connection: the task consumers, the
 * ledger follower that tells them which jobs were cancelled, and the dead-letter reporter.
 */
public final class WorkerNode implements AutoCloseable {
  private final Connection connection;
  private final ExecutorService pool;
  private final LedgerReader ledger;
  private final DeadLetterReporter deadLetters;
  private final TaskWorker worker;
  private final JobCoordinator coordinator;

  private WorkerNode(
      Connection connection,
      ExecutorService pool,
      LedgerReader ledger,
      DeadLetterReporter deadLetters,
      TaskWorker worker,
      JobCoordinator coordinator) {
    this.connection = connection;
    this.pool = pool;
    this.ledger = ledger;
    this.deadLetters = deadLetters;
    this.worker = worker;
    this.coordinator = coordinator;
  }

  /** Connects (retrying within the settings' patience) and starts consuming. */
  public static WorkerNode start(
      BrokerSettings settings, TaskProcessor processor, TaskWorker.Options options, Clock clock)
      throws InterruptedException {
    return start(settings, jobs -> processor, options, clock);
  }

  /** Same, for a processor that needs to know the jobs (their pass and options) from the ledger. */
  public static WorkerNode start(
      BrokerSettings settings,
      Function<JobDirectory, TaskProcessor> processors,
      TaskWorker.Options options,
      Clock clock)
      throws InterruptedException {
    return start(settings, processors, options, clock, new NoOpMetricsCollector());
  }

  /** Same, recording the AMQP client's own metrics in {@code metrics}. */
  public static WorkerNode start(
      BrokerSettings settings,
      Function<JobDirectory, TaskProcessor> processors,
      TaskWorker.Options options,
      Clock clock,
      MetricsCollector metrics)
      throws InterruptedException {
    // One consumer thread per task channel, plus the ledger, dead-letter and coordinator ones.
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.threads() + 3,
            r -> {
              Thread t = new Thread(r, "ferry-worker");
              t.setDaemon(true);
              return t;
            });
    Connection c = new BrokerConnector(settings, clock, metrics).connect(options.name(), pool);
    try {
      LedgerReader ledger = new LedgerReader(c, settings, new JobLedger(), clock, options.name());
      ledger.start();
      // Know every cancellation before the first task arrives.
      ledger.catchUp(settings.publishPatience());
      TaskProcessor processor =
          processors.apply(new JobDirectory(ledger, settings.publishPatience()));
      DeadLetterReporter dead =
          new DeadLetterReporter(c, settings, processor, clock, options.name());
      dead.start();
      TaskWorker worker = new TaskWorker(c, settings, processor, ledger.ledger(), options, clock);
      worker.start();
      JobCoordinator coordinator =
          new JobCoordinator(
              c, settings, ledger.ledger(), clock, options.name(), processor::describe);
      coordinator.start();
      return new WorkerNode(c, pool, ledger, dead, worker, coordinator);
    } catch (IOException e) {
      c.abort();
      pool.shutdownNow();
      throw new BrokerUnavailableException(
          "cannot start consuming from " + settings.redactedUri() + ": " + Failures.describe(e), e);
    }
  }

  public TaskWorker tasks() {
    return worker;
  }

  public JobLedger jobs() {
    return ledger.ledger();
  }

  /**
   * Stops taking tasks, waits up to {@code deadline} for the running ones, returns the rest to the
   * queue and disconnects.
   *
   * @return true when every running task finished in time
   */
  public boolean stop(Duration deadline) throws InterruptedException {
    boolean clean = worker.stop(deadline);
    coordinator.close();
    deadLetters.close();
    ledger.close();
    try {
      connection.close(5000);
    } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
      connection.abort();
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.SECONDS);
    return clean;
  }

  /** Simulates a crash in tests: the connection drops with every unacknowledged task. */
  void abort() {
    connection.abort();
    pool.shutdownNow();
  }

  /** Stops at once: running tasks go back to the queue. */
  @Override
  public void close() {
    try {
      stop(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
