package dev.ferry.mover.transport;

import dev.ferry.mover.task.ForwardingSink;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskSink;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a pass in this process: handlers on a fixed pool of worker threads fed by a bounded queue.
 *
 * <p>Back-pressure: when the queue is full, the thread that emits a task runs it itself at once
 * (depth first), so the queue never grows beyond its capacity, a handler listing a huge directory
 * never holds its entries as a list, and no worker ever blocks waiting for queue space (which could
 * deadlock when every worker is a producer).
 *
 * <p>Completion is exact: every task has a node counting itself plus its unfinished children. When
 * a node reaches zero its finish task (if any) runs in its place, then its parent is told; the run
 * is over when the root node reaches zero. Nodes exist only for unfinished tasks.
 */
public final class InProcessTransport {
  private final int threads;
  private final int queueCapacity;

  public InProcessTransport(int threads, int queueCapacity) {
    if (threads < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("threads and queue capacity must be positive");
    }
    this.threads = threads;
    this.queueCapacity = queueCapacity;
  }

  /**
   * Runs {@code roots} and everything they emit to the end. Counts, failures, differences and
   * progress go to {@code reporter}, which must be thread-safe. Returns false if interrupted
   * (remaining tasks are then dropped).
   */
  public boolean run(List<? extends Task> roots, TaskHandler handler, TaskSink reporter)
      throws InterruptedException {
    Run run = new Run(handler, reporter);
    try {
      Node root = new Node(null);
      for (Task t : roots) {
        run.submit(t, root);
      }
      run.complete(root);
      run.done.await();
      return true;
    } catch (InterruptedException e) {
      run.cancelled.set(true);
      throw e;
    } finally {
      run.pool.shutdownNow();
      run.pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  private static final class Node {
    final Node parent;
    final AtomicInteger pending = new AtomicInteger(1);
    volatile Task finish;

    Node(Node parent) {
      this.parent = parent;
    }
  }

  private final class Run {
    final TaskHandler handler;
    final TaskSink reporter;
    final CountDownLatch done = new CountDownLatch(1);
    final AtomicBoolean cancelled = new AtomicBoolean();
    final ThreadPoolExecutor pool;

    Run(TaskHandler handler, TaskSink reporter) {
      this.handler = handler;
      this.reporter = reporter;
      AtomicInteger n = new AtomicInteger();
      this.pool =
          new ThreadPoolExecutor(
              threads,
              threads,
              0,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(queueCapacity),
              r -> {
                Thread t = new Thread(r, "ferry-worker-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              },
              new ThreadPoolExecutor.CallerRunsPolicy());
    }

    void submit(Task task, Node parent) {
      parent.pending.incrementAndGet();
      Node node = new Node(parent);
      pool.execute(() -> runTask(task, node));
    }

    void runTask(Task task, Node node) {
      try {
        if (!cancelled.get()) {
          handler.handle(task, new NodeSink(node));
        }
      } catch (RuntimeException | Error e) {
        // Any failure of a task, a linkage error included, is a failed item: a subtree must
        // never vanish from a run that then exits 0. Only a JVM in trouble stops the run.
        reporter.fail(task.path(), "task failed: " + e);
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw e;
        }
      } finally {
        complete(node);
      }
    }

    void complete(Node node) {
      Node n = node;
      while (n != null && n.pending.decrementAndGet() == 0) {
        Task finish = n.finish;
        if (finish != null && !cancelled.get()) {
          // The finish task takes this node's place under the parent.
          Node replacement = new Node(n.parent);
          pool.execute(() -> runTask(finish, replacement));
          return;
        }
        if (n.parent == null) {
          done.countDown();
          return;
        }
        n = n.parent;
      }
    }

    private final class NodeSink extends ForwardingSink {
      private final Node node;

      NodeSink(Node node) {
        super(reporter);
        this.node = node;
      }

      @Override
      public void emit(Task child) {
        submit(child, node);
      }

      @Override
      public void finish(Task after) {
        node.finish = after;
      }
    }
  }
}
