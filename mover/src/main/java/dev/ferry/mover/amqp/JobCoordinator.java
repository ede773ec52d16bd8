package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Moves jobs along without any process dedicated to it. Every unfinished job has one token, which
 * circulates between the coordination queue and a delay queue (one tick). The worker that takes the
 * token looks at the job in its fold of the ledger and, when the turn of something has come, does
 * it: releases the next wave of deferred tasks, or starts the next job of a chain once the job is
 * over. Then it puts the token back, or drops it when the job is over. A token duplicated by a
 * crash only repeats work whose ids the ledger already knows.
 */
final class JobCoordinator implements AutoCloseable {
  private static final int PREFETCH = 50;

  /** How long a token may circulate for a job whose creation never reached the ledger. */
  private static final Duration ORPHAN_PATIENCE = Duration.ofHours(1);

  private final Connection connection;
  private final BrokerSettings settings;
  private final JobLedger jobs;
  private final Clock clock;
  private final String name;
  private final ConfirmingPublisher publisher;
  private final ChannelReopener reopener;
  private volatile boolean closing;
  private volatile Channel channel;

  JobCoordinator(
      Connection connection, BrokerSettings settings, JobLedger jobs, Clock clock, String name) {
    this.connection = connection;
    this.settings = settings;
    this.jobs = jobs;
    this.clock = clock;
    this.name = name;
    this.publisher = new ConfirmingPublisher(connection, settings, clock);
    this.reopener =
        new ChannelReopener(
            "ferry-coordinator-reopen", settings.recoveryInterval(), () -> closing, this::start);
  }

  synchronized void start() throws IOException {
    Channel ch = connection.createChannel();
    ch.basicQos(PREFETCH);
    ch.addShutdownListener(reopener::onChannelClosed);
    ch.basicConsume(
        settings.topology().coordinationQueue(),
        false,
        new DefaultConsumer(ch) {
          @Override
          public void handleDelivery(
              String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
              throws IOException {
            try {
              String job = new String(body, StandardCharsets.UTF_8);
              if (tick(job, since(props))) {
                publisher.publish(
                    List.of(
                        JobStarter.token(
                            job, since(props), settings.topology().coordinationDelayQueue())));
              }
              getChannel().basicAck(env.getDeliveryTag(), false);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (AlreadyClosedException e) {
              // The token comes back through the broker's redelivery.
            }
          }
        });
    channel = ch;
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
    List<LedgerEvent.Deferred> wave = jobs.readyWave(job);
    if (!wave.isEmpty()) {
      release(job, wave);
    }
    return true;
  }

  private void release(String job, List<LedgerEvent.Deferred> wave) throws InterruptedException {
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
    closing = true;
    publisher.close();
    Channel ch = channel;
    try {
      if (ch != null && ch.isOpen()) {
        ch.close();
      }
    } catch (IOException | TimeoutException | AlreadyClosedException e) {
      // Unacknowledged tokens return to their queue for another worker.
    }
  }
}
