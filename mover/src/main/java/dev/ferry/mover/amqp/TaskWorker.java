package dev.ferry.mover.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.ferry.mover.engine.PassConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumes tasks from the task queue on {@code threads} channels, each with a bounded prefetch, and
 * runs them through a {@link TaskProcessor}. A task is acknowledged only after the processor
 * returned, its children were published and confirmed, and its DONE entry was confirmed in the
 * ledger; a {@link TaskFinisher} does those three steps for the tasks that ran, in groups, while
 * each channel's thread runs the next delivery of its prefetch. A channel the broker closes (a
 * consumer timeout, a protocol error) is reopened by this class; a lost connection is recovered by
 * the client, with its consumers.
 */
public final class TaskWorker {
  /**
   * @param threads tasks run at once (one channel each)
   * @param prefetch deliveries each channel may hold (running, waiting to run, or waiting for their
   *     confirms); more than one lets a thread run a task while the previous ones are being
   *     confirmed, but the last of them must still start well within the broker's consumer timeout
   * @param name identifies this worker in the ledger and in status output
   */
  public record Options(int threads, int prefetch, String name) {
    public Options {
      if (threads < 1 || threads > PassConfig.MAX_THREADS) {
        throw new IllegalArgumentException(
            "threads must be between 1 and " + PassConfig.MAX_THREADS);
      }
      if (prefetch < 1 || prefetch > 1000) {
        throw new IllegalArgumentException("prefetch must be between 1 and 1000");
      }
    }
  }

  private final Connection connection;
  private final BrokerSettings settings;
  private final TaskProcessor processor;
  private final JobLedger jobs;
  private final Options options;
  private final Clock clock;
  private final List<Slot> slots = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong returned = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong reopened = new AtomicLong();
  private final TaskFinisher finisher;
  private volatile boolean stopping;

  /**
   * @param jobs the folded ledger (kept current by a {@link LedgerReader}); tasks of cancelled or
   *     complete jobs are acknowledged without running
   */
  public TaskWorker(
      Connection connection,
      BrokerSettings settings,
      TaskProcessor processor,
      JobLedger jobs,
      Options options,
      Clock clock) {
    this.connection = connection;
    this.settings = settings;
    this.processor = processor;
    this.jobs = jobs;
    this.options = options;
    this.clock = clock;
    this.finisher =
        new TaskFinisher(
            new ConfirmingPublisher(connection, settings, clock),
            processor::flush,
            "ferry-finisher-" + options.name(),
            (task, recorded) -> {
              if (recorded) {
                done.incrementAndGet();
              }
              settled();
            });
  }

  public synchronized void start() throws IOException {
    finisher.start();
    for (int i = 0; i < options.threads(); i++) {
      Slot slot = new Slot(i);
      slots.add(slot);
      slot.open();
    }
  }

  /** The consuming channel of one slot, for tests that make the broker close it. */
  synchronized Channel channel(int slot) {
    return slots.get(slot).channel;
  }

  /** Tasks acknowledged after running and recording their DONE (or FAILED) entry. */
  public long done() {
    return done.get();
  }

  /** Tasks given back to the queue after an error. */
  public long returned() {
    return returned.get();
  }

  /** Tasks of cancelled or complete jobs (duplicates, strays) acknowledged without running. */
  public long skipped() {
    return skipped.get();
  }

  /** Channels reopened after the broker closed them. */
  public long reopened() {
    return reopened.get();
  }

  /**
   * Stops taking tasks, lets the running ones finish within the deadline, then closes the channels,
   * which returns every task not acknowledged to the queue.
   *
   * @return true when no task was still running at the deadline
   */
  public boolean stop(Duration deadline) throws InterruptedException {
    stopping = true;
    List<Slot> all;
    synchronized (this) {
      all = List.copyOf(slots);
    }
    for (Slot s : all) {
      s.cancel();
    }
    Instant until = clock.instant().plus(deadline);
    synchronized (inFlight) {
      while (inFlight.get() > 0 && clock.instant().isBefore(until)) {
        inFlight.wait(100);
      }
    }
    boolean clean = inFlight.get() == 0;
    finisher.close();
    for (Slot s : all) {
      s.close();
    }
    return clean;
  }

  /**
   * Runs one delivery.
   *
   * @return true when the task was handed to the finisher, which then owns its acknowledgement
   */
  private boolean handle(Channel ch, Envelope env, AMQP.BasicProperties props, byte[] body)
      throws IOException, InterruptedException {
    if (stopping) {
      return false; // left unacknowledged: closing the channel returns it to the queue
    }
    long tag = env.getDeliveryTag();
    TaskMessage task = TaskMessage.fromDelivery(props, body);
    if (task == null) {
      ch.basicReject(tag, false); // not a ferry task: dead-letter it for an operator to see
      return false;
    }
    if (jobs.isOver(task.jobId())) {
      ack(ch, tag);
      skipped.incrementAndGet();
      return false;
    }
    boolean again = env.isRedeliver() || deliveries(props) > 0;
    if (again) {
      processor.redelivered();
    }
    TaskResult result;
    try {
      result = again ? processor.processAgain(task) : processor.process(task);
    } catch (PermanentTaskException e) {
      return fail(ch, tag, task, Failures.describe(e));
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (deliveries(props) >= settings.topology().deliveryLimit()) {
        return fail(
            ch, tag, task, "failed " + (deliveries(props) + 1) + " times: " + Failures.describe(e));
      }
      ch.basicReject(tag, true);
      returned.incrementAndGet();
      return false;
    }
    List<Publication> children = new ArrayList<>();
    List<String> childIds = new ArrayList<>();
    for (int i = 0; i < result.children().size(); i++) {
      TaskMessage child = TaskMessage.childOf(task, i, result.children().get(i));
      children.add(child.publication(settings.topology().taskQueue()));
      childIds.add(child.taskId());
    }
    // The finisher confirms the children and flushes the writes before the DONE entry, and records
    // the entry before the ack.
    finisher.submit(
        new TaskFinisher.Finished(
            ch,
            tag,
            children,
            LedgerEvent.done(
                    task.jobId(), task.taskId(), childIds, result, options.name(), clock.millis())
                .publication(settings.topology().ledgerStream()),
            result.wroteUnder(),
            reason -> failedEntry(task, reason)));
    return true;
  }

  /** Records the task as failed in the ledger, then removes it from the queue. */
  private boolean fail(Channel ch, long tag, TaskMessage task, String reason) {
    finisher.submit(new TaskFinisher.Finished(ch, tag, List.of(), failedEntry(task, reason)));
    return true;
  }

  private Publication failedEntry(TaskMessage task, String reason) {
    processor.givenUp();
    List<String> what;
    try {
      what = processor.describe(task.body());
    } catch (RuntimeException e) {
      what = List.of();
    }
    return LedgerEvent.failed(
            task.jobId(), task.taskId(), what, reason, options.name(), clock.millis())
        .publication(settings.topology().ledgerStream());
  }

  private static void ack(Channel ch, long tag) throws IOException {
    try {
      ch.basicAck(tag, false);
    } catch (AlreadyClosedException e) {
      // The channel closed under the task; the broker redelivers it and the rerun is harmless.
    }
  }

  /** How many times the broker delivered this message before (RabbitMQ's quorum-queue header). */
  static long deliveries(AMQP.BasicProperties props) {
    Map<String, Object> h = props.getHeaders();
    Object n = h == null ? null : h.get("x-delivery-count");
    return n instanceof Number num ? num.longValue() : 0;
  }

  /** A delivery is no longer this worker's: acknowledged, rejected or left to the broker. */
  private void settled() {
    synchronized (inFlight) {
      inFlight.decrementAndGet();
      inFlight.notifyAll();
    }
  }

  /** One channel consuming the task queue. */
  private final class Slot {
    private final int index;
    private final ChannelReopener reopener;
    private volatile Channel channel;
    private volatile String consumerTag;

    Slot(int index) {
      this.index = index;
      this.reopener =
          new ChannelReopener(
              "ferry-reopen-" + index, settings.recoveryInterval(), () -> stopping, this::reopen);
    }

    private void reopen() throws IOException {
      Channel old = channel;
      if (old != null && old.isOpen()) {
        old.abort();
      }
      open();
      reopened.incrementAndGet();
    }

    void open() throws IOException {
      channel = reopener.open(connection, this::subscribe);
    }

    private void subscribe(Channel ch) throws IOException {
      ch.basicQos(options.prefetch());
      consumerTag =
          ch.basicConsume(
              settings.topology().taskQueue(),
              false,
              options.name() + "-" + index + "-" + clock.millis(),
              new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(
                    String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                  inFlight.incrementAndGet();
                  boolean handedOver = false;
                  try {
                    handedOver = handle(getChannel(), env, props, body);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    if (!handedOver) {
                      settled();
                    }
                  }
                }

                @Override
                public void handleCancel(String tag) {
                  // The broker cancelled us (queue deleted, or 4.3's consumer timeout).
                  reopener.reopenInBackground();
                }
              });
    }

    void cancel() {
      Channel ch = channel;
      try {
        if (ch != null && ch.isOpen()) {
          ch.basicCancel(consumerTag);
        }
      } catch (IOException | AlreadyClosedException e) {
        // Closing the channel below stops the deliveries as well.
      }
    }

    void close() {
      Channel ch = channel;
      try {
        if (ch != null && ch.isOpen()) {
          ch.close();
        }
      } catch (IOException | TimeoutException | AlreadyClosedException e) {
        // Unacknowledged tasks go back to the queue either way.
      }
    }
  }
}
