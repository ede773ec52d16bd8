package dev.ferry.mover.amqp;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Completes the tasks the consumer threads ran, in groups, so that the broker's confirm latency is
 * paid once per group rather than twice per task: publishes the children of every task in the group
 * and waits until the broker confirmed all of them, then publishes their ledger entries (DONE or
 * FAILED) and waits for those confirms, and only then acknowledges each delivery. A task's children
 * are therefore confirmed before its entry, and its entry before its acknowledgement, exactly as
 * when each task completed on its own; meanwhile the consumer threads run the next deliveries of
 * their prefetch. A group the broker does not confirm within the publisher's patience is given back
 * to the queue (rejected with requeue) and will run again, which is harmless.
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
   */
  record Finished(Channel channel, long tag, List<Publication> children, Publication entry) {}

  /** Told about each task once it was recorded and acknowledged, or given back to the queue. */
  interface Listener {
    void completed(Finished task, boolean recorded);
  }

  private final BlockingQueue<Finished> queue = new LinkedBlockingQueue<>();
  private final ConfirmingPublisher publisher;
  private final Listener listener;
  private final Thread thread;
  private volatile boolean closing;

  TaskFinisher(ConfirmingPublisher publisher, String threadName, Listener listener) {
    this.publisher = publisher;
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
    List<Publication> entries = new ArrayList<>();
    for (Finished f : group) {
      children.addAll(f.children());
      entries.add(f.entry());
    }
    try {
      publisher.publish(children); // every child confirmed before any entry that names it
      publisher.publish(entries);
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
