package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Moves jobs along without any process dedicated to it. Every unfinished job has one token, which
 * circulates between the coordination queue and a delay queue (one tick). The worker that takes the
 * token looks at the job in its fold of the ledger and, when the turn of something has come, does
 * it: releases the commits of large files whose chunks are all done (or records them failed when a
 * chunk failed), releases the next wave of deferred tasks, or starts the next job of a chain once
 * the job is over. Then it puts the token back, or drops it when the job is over. A token
 * duplicated by a crash only repeats work whose ids the ledger already knows.
 */
final class JobCoordinator implements AutoCloseable {
  private static final int PREFETCH = 50;

  /** How long a token may circulate for a job whose creation never reached the ledger. */
  private static final Duration ORPHAN_PATIENCE = Duration.ofHours(1);

  private final BrokerSettings settings;
  private final JobLedger jobs;
  private final Clock clock;
  private final String name;
  private final Function<byte[], List<String>> describe;
  private final ConfirmingPublisher publisher;
  private final AckingConsumer consumer;

  /**
   * @param describe what a task body is about (its paths), for the FAILED entry of a deferred task
   *     that must not run
   */
  JobCoordinator(
      Connection connection,
      BrokerSettings settings,
      JobLedger jobs,
      Clock clock,
      String name,
      Function<byte[], List<String>> describe) {
    this.settings = settings;
    this.jobs = jobs;
    this.clock = clock;
    this.name = name;
    this.describe = describe;
    this.publisher = new ConfirmingPublisher(connection, settings, clock);
    this.consumer =
        new AckingConsumer(
            connection,
            settings.topology().coordinationQueue(),
            PREFETCH,
            settings.recoveryInterval(),
            "ferry-coordinator-reopen",
            this::onToken);
  }

  void start() throws IOException {
    consumer.start();
  }

  private void onToken(AMQP.BasicProperties props, byte[] body) throws InterruptedException {
    String job = new String(body, StandardCharsets.UTF_8);
    if (tick(job, since(props))) {
      // Only the delay queue may hold an expiring token: it dead-letters it back for the next
      // look. The coordination queue would drop it.
      Publication token =
          JobStarter.token(job, since(props), settings.topology().coordinationDelayQueue());
      publisher.publish(List.of(token.expiringAfter(Topology.TOKEN_TICK_MILLIS)));
    }
  }

  /** Does what is due for the job; returns whether the token must circulate further. */
  private boolean tick(String job, long since) throws InterruptedException {
    Optional<JobStatus> status = jobs.status(job);
    if (status.isEmpty() || status.get().state() == JobStatus.State.UNKNOWN) {
      return clock.millis() - since < ORPHAN_PATIENCE.toMillis();
    }
    JobStatus.State state = status.get().state();
    if (state == JobStatus.State.CANCELLED) {
      return false;
    }
    if (state.terminal()) {
      startNextOfChain(job);
      return false;
    }
    JobLedger.Due due = jobs.dueAfter(job);
    if (!due.isEmpty()) {
      release(job, due.release());
      abandon(job, due.abandon());
      return true;
    }
    List<LedgerEvent.Deferred> wave = jobs.readyWave(job);
    if (!wave.isEmpty()) {
      release(job, wave);
    }
    return true;
  }

  /**
   * Records as failed the deferred tasks that must not run because a task they wait for failed (a
   * file's commit after a failed chunk: the partial copy stays under its temporary name).
   */
  private void abandon(String job, List<LedgerEvent.Deferred> tasks) throws InterruptedException {
    List<Publication> entries = new ArrayList<>();
    for (LedgerEvent.Deferred d : tasks) {
      entries.add(
          LedgerEvent.failed(
                  job,
                  d.id(),
                  describe.apply(d.body()),
                  "not committed: a chunk of the file failed; the partial copy keeps its"
                      + " temporary name",
                  name,
                  clock.millis())
              .publication(settings.topology().ledgerStream()));
    }
    publisher.publish(entries);
  }

  private void release(String job, List<LedgerEvent.Deferred> wave) throws InterruptedException {
    if (wave.isEmpty()) {
      return;
    }
    List<Publication> tasks = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (LedgerEvent.Deferred d : wave) {
      tasks.add(
          new TaskMessage(job, d.id(), d.body()).publication(settings.topology().taskQueue()));
      ids.add(d.id());
    }
    publisher.publish(tasks);
    publisher.publish(
        List.of(
            LedgerEvent.released(job, ids, name, clock.millis())
                .publication(settings.topology().ledgerStream())));
  }

  private void startNextOfChain(String job) throws InterruptedException {
    List<LedgerEvent.ChainedJob> chain = jobs.chain(job);
    if (chain.isEmpty() || jobs.status(chain.get(0).job()).isPresent()) {
      return; // nothing chained, or started already
    }
    LedgerEvent.ChainedJob next = chain.get(0);
    new JobStarter(publisher, settings.topology(), clock, name)
        .start(next.job(), next.attributes(), next.roots(), chain.subList(1, chain.size()));
  }

  private long since(AMQP.BasicProperties props) {
    Map<String, Object> h = props.getHeaders();
    Object v = h == null ? null : h.get(JobStarter.SINCE_HEADER);
    return v instanceof Number n ? n.longValue() : clock.millis();
  }

  @Override
  public void close() {
    publisher.close();
    consumer.close();
  }
}
