package dev.ferry.mover.amqp;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What a shell on any node does with jobs: publish one, cancel one, and read the state of jobs from
 * the ledger. It never runs a task itself.
 */
public final class JobClient implements AutoCloseable {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Connection connection;
  private final BrokerSettings settings;
  private final Clock clock;
  private final String name;
  private final ConfirmingPublisher publisher;
  private LedgerReader reader;

  private JobClient(Connection connection, BrokerSettings settings, Clock clock, String name) {
    this.connection = connection;
    this.settings = settings;
    this.clock = clock;
    this.name = name;
    this.publisher = new ConfirmingPublisher(connection, settings, clock);
  }

  /** Connects (retrying the first connection within the settings' patience). */
  public static JobClient connect(BrokerSettings settings, Clock clock, String name)
      throws InterruptedException {
    Connection c = new BrokerConnector(settings, clock).connect(name, null);
    return new JobClient(c, settings, clock, name);
  }

  /**
   * Publishes the root tasks of a new job, its CREATED entry and its token, each confirmed.
   *
   * @return the new job's id
   */
  public String submit(Map<String, String> attributes, List<byte[]> roots)
      throws InterruptedException {
    String jobId = newJobId();
    submit(jobId, attributes, roots, List.of());
    return jobId;
  }

  /**
   * Same, with an id chosen by the caller, and jobs to start one after the other once this one is
   * over (the passes of a sync).
   */
  public void submit(
      String jobId,
      Map<String, String> attributes,
      List<byte[]> roots,
      List<LedgerEvent.ChainedJob> chain)
      throws InterruptedException {
    new JobStarter(publisher, settings.topology(), clock, name)
        .start(jobId, attributes, roots, chain);
  }

  /** A fresh job id; the jobs of one chain share it with a suffix each. */
  public String newJobId() {
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
  }

  /**
   * Records the cancellation of the job and of every job chained after it; workers skip their
   * remaining tasks from then on, and chained jobs never start.
   */
  public void cancel(String jobId, String reason) throws InterruptedException {
    List<Publication> entries = new ArrayList<>();
    entries.add(cancelled(jobId, reason));
    for (LedgerEvent.ChainedJob next : snapshot(Duration.ofSeconds(30)).chain(jobId)) {
      entries.add(cancelled(next.job(), reason));
    }
    publisher.publish(entries);
  }

  private Publication cancelled(String jobId, String reason) {
    return LedgerEvent.cancelled(jobId, reason, name, clock.millis())
        .publication(settings.topology().ledgerStream());
  }

  /**
   * Starts following the ledger from its end rather than its first entry: call it before submitting
   * a job to {@link #await} it without replaying the ledger's history (30 days of every job).
   * Status and snapshots then know only the jobs written from now on.
   */
  public synchronized void followFromNow(Duration patience) throws InterruptedException {
    followFromNow(patience, (job, line, difference) -> {});
  }

  /** As above; {@code lines} is told of every failure and difference line, once, as it comes. */
  public synchronized void followFromNow(Duration patience, JobLedger.Lines lines)
      throws InterruptedException {
    if (reader != null) {
      return;
    }
    LedgerReader r = new LedgerReader(connection, settings, new JobLedger(lines), clock, name);
    try {
      r.startAtEnd(patience);
    } catch (IOException e) {
      r.close();
      throw new BrokerUnavailableException(
          "cannot read the ledger stream: " + Failures.describe(e), e);
    }
    reader = r;
  }

  /** The channel the ledger is read on, for tests that make the broker close it. */
  synchronized Channel ledgerChannel() {
    return reader == null ? null : reader.channel();
  }

  /** The ledger, folded up to at least the moment of this call. */
  public JobLedger snapshot(Duration patience) throws InterruptedException {
    LedgerReader r = reader();
    r.catchUp(patience);
    return r.ledger();
  }

  /** One job's state, folded up to at least the moment of this call. */
  public Optional<JobStatus> status(String jobId, Duration patience) throws InterruptedException {
    return snapshot(patience).status(jobId);
  }

  /**
   * Follows a job and the jobs chained after it, to the end of the chain or the first one that was
   * cancelled; returns the state of each, in order.
   */
  public List<JobStatus> awaitChain(String jobId, Duration every, Consumer<JobStatus> progress)
      throws InterruptedException {
    return awaitChain(jobId, every, progress, notice -> {});
  }

  /**
   * As above; {@code notices} is told when no worker has been taking tasks for a while, and when
   * one takes them again (see {@link WorkerAbsence}).
   */
  public List<JobStatus> awaitChain(
      String jobId, Duration every, Consumer<JobStatus> progress, Consumer<String> notices)
      throws InterruptedException {
    WorkerAbsence absence =
        new WorkerAbsence(this::taskConsumers, settings.topology().taskQueue(), clock, notices);
    List<JobStatus> all = new ArrayList<>();
    String next = jobId;
    while (next != null) {
      JobStatus s = await(next, every, progress, absence);
      all.add(s);
      List<LedgerEvent.ChainedJob> chain = reader().ledger().chain(next);
      next = s.state() == JobStatus.State.CANCELLED || chain.isEmpty() ? null : chain.get(0).job();
    }
    return all;
  }

  /**
   * Follows the ledger until the job is succeeded, failed or cancelled, calling {@code progress}
   * with every state seen (at most once per {@code every}). Reconnects through broker outages.
   */
  public JobStatus await(String jobId, Duration every, Consumer<JobStatus> progress)
      throws InterruptedException {
    return await(jobId, every, progress, null);
  }

  private JobStatus await(
      String jobId, Duration every, Consumer<JobStatus> progress, WorkerAbsence absence)
      throws InterruptedException {
    JobLedger ledger = reader().ledger();
    Instant nextReport = Instant.MIN;
    while (true) {
      long seen = ledger.changes();
      // Woken by every entry: the whole status (copies of its lists) only when it is reported.
      Optional<JobStatus.State> state = ledger.state(jobId);
      if (state.isPresent() && (state.get().terminal() || !clock.instant().isBefore(nextReport))) {
        JobStatus s = ledger.status(jobId).orElseThrow();
        progress.accept(s);
        nextReport = clock.instant().plus(every);
        if (s.state().terminal()) {
          return s;
        }
      }
      if (absence != null) {
        absence.look();
      }
      ledger.awaitChange(seen, Math.max(50, every.toMillis()));
    }
  }

  /** The task queue's consumers now (the workers' task channels), or -1 without an answer. */
  private int taskConsumers() {
    try (Channel ch = connection.createChannel()) {
      return ch == null
          ? -1
          : ch.queueDeclarePassive(settings.topology().taskQueue()).getConsumerCount();
    } catch (IOException | TimeoutException | AlreadyClosedException e) {
      return -1;
    }
  }

  private synchronized LedgerReader reader() {
    if (reader == null) {
      LedgerReader r = new LedgerReader(connection, settings, new JobLedger(), clock, name);
      try {
        r.start();
      } catch (IOException e) {
        throw new BrokerUnavailableException(
            "cannot read the ledger stream: " + Failures.describe(e), e);
      }
      reader = r;
    }
    return reader;
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close();
    }
    publisher.close();
    try {
      connection.close();
    } catch (IOException | AlreadyClosedException e) {
      // Everything published was confirmed already.
    }
  }
}
