package dev.ferry.mover.amqp;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Completes the tasks the consumer threads ran, in groups, so that the broker's confirm latency and
 * the flush of the target filesystem are paid once per group rather than per task: publishes the
 * children of every task in the group and waits until the broker confirmed all of them, flushes
 * each filesystem the group wrote to, then publishes their ledger entries (DONE or FAILED) and
 * waits for those confirms, and only then acknowledges each delivery. A task's children are
 * therefore confirmed, and its writes on disk, before its entry, and its entry before its
 * acknowledgement, exactly as when each task completed on its own; meanwhile the consumer threads
 * run the next deliveries of their prefetch. A group the broker does not confirm within the
 * publisher's patience is given back to the queue (rejected with requeue) and will run again, which
 * is harmless. A failed flush is recorded as the failure of each task that wrote there: running it
 * again would find its files looking complete, whatever the lost writeback did to them.
 */
final class TaskFinisher implements AutoCloseable {
  /** Most tasks completed by one pair of confirmed publications. */
  static final int MAX_GROUP = 256;

  /**
   * A task that ran and whose effects are durable, waiting to be recorded and acknowledged.
   *
   * @param channel the channel the task was delivered on (acknowledgements are per channel)
   * @param tag its delivery tag there
   * @param children the tasks it spawned, published before its entry
   * @param entry its DONE or FAILED ledger entry
   * @param wroteUnder the directory whose filesystem is flushed before its entry; null for none
   * @param failedEntry its FAILED entry for a reason, recorded instead when that flush fails
   */
  record Finished(
      Channel channel,
      long tag,
      List<Publication> children,
      Publication entry,
      Path wroteUnder,
      Function<String, Publication> failedEntry) {
    /** A task that wrote nothing (or failed): its entry needs no flush first. */
    Finished(Channel channel, long tag, List<Publication> children, Publication entry) {
      this(channel, tag, children, entry, null, null);
    }
  }

  /** Makes durable what was written under a directory; see {@link TaskProcessor#flush}. */
  interface Flusher {
    void flush(Path root) throws IOException;
  }

  /** Told about each task once it was recorded and acknowledged, or given back to the queue. */
  interface Listener {
    void completed(Finished task, boolean recorded);
  }

  private final BlockingQueue<Finished> queue = new LinkedBlockingQueue<>();
  private final ConfirmingPublisher publisher;
  private final Flusher flusher;
  private final Listener listener;
  private final Thread thread;
  private volatile boolean closing;

  TaskFinisher(
      ConfirmingPublisher publisher, Flusher flusher, String threadName, Listener listener) {
    this.publisher = publisher;
    this.flusher = flusher;
    this.listener = listener;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Hands over a task that ran; never blocks (the channels' prefetch bounds the backlog). */
  void submit(Finished task) {
    queue.add(task);
  }

  private void run() {
    try {
      while (!closing || !queue.isEmpty()) {
        Finished first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<Finished> group = new ArrayList<>();
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        complete(group);
      }
    } catch (InterruptedException e) {
      giveBack(new ArrayList<>(queue));
    }
  }

  private void complete(List<Finished> group) throws InterruptedException {
    List<Publication> children = new ArrayList<>();
    for (Finished f : group) {
      children.addAll(f.children());
    }
    try {
      publisher.publish(children); // every child confirmed before any entry that names it
      publisher.publish(entriesAfterFlush(group));
    } catch (BrokerUnavailableException e) {
      giveBack(group);
      return;
    } catch (InterruptedException e) {
      giveBack(group);
      throw e;
    }
    for (Finished f : group) {
      settle(f, true);
      listener.completed(f, true);
    }
  }

  /** Flushes each filesystem the group wrote to; the entries to record, given what failed. */
  private List<Publication> entriesAfterFlush(List<Finished> group) {
    Map<Path, String> failed = new HashMap<>();
    for (Finished f : group) {
      Path root = f.wroteUnder();
      if (root != null && !failed.containsKey(root)) {
        failed.put(root, flush(root));
      }
    }
    List<Publication> entries = new ArrayList<>();
    for (Finished f : group) {
      String reason = f.wroteUnder() == null ? null : failed.get(f.wroteUnder());
      entries.add(reason == null ? f.entry() : f.failedEntry().apply(reason));
    }
    return entries;
  }

  /** Null when flushed, else why not. */
  private String flush(Path root) {
    try {
      flusher.flush(root);
      return null;
    } catch (IOException | RuntimeException e) {
      return "cannot flush the target filesystem, so what this task wrote may be lost (check it"
          + " with ferry verify): "
          + Failures.describe(e);
    }
  }

  private void giveBack(List<Finished> group) {
    for (Finished f : group) {
      settle(f, false);
      listener.completed(f, false);
    }
  }

  /** Acknowledges, or rejects with requeue. */
  private static void settle(Finished f, boolean ack) {
    try {
      if (ack) {
        f.channel().basicAck(f.tag(), false);
      } else {
        f.channel().basicReject(f.tag(), true);
      }
    } catch (IOException | AlreadyClosedException e) {
      // The channel closed under the task: the broker delivers it again, and the rerun is harmless.
    }
  }

  /**
   * Stops. Called once the owner waited for the tasks handed over (or gave up waiting): whatever is
   * still being published is given back to the queue.
   */
  @Override
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
  }
}
