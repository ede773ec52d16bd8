package dev.ferry.mover.amqp;

import static dev.ferry.mover.amqp.ScriptedProcessor.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.ferry.mover.amqp.JobStatus.State;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transport against the real broker: each test has its own queues and stream. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TaskTransportTest {
  private static final Duration EVERY = Duration.ofMillis(100);
  private BrokerFixture broker;

  private BrokerFixture broker(int deliveryLimit) {
    broker = new BrokerFixture(deliveryLimit);
    return broker;
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aTreeOfTasksCompletesExactlyAndTheWaitingClientSeesIt() throws Exception {
    BrokerFixture b = broker(5);
    ScriptedProcessor processor = new ScriptedProcessor();
    b.worker(processor, 3, "w1");
    JobClient client = b.client("client");
    String job = client.submit(Map.of("kind", "test"), List.of(script("tree:3:3")));

    AtomicInteger reports = new AtomicInteger();
    JobStatus end =
        client.await(
            job,
            EVERY,
            s -> {
              reports.incrementAndGet();
              assertTrue(
                  s.state() != State.SUCCEEDED || s.finishedTasks() == s.expectedTasks(),
                  "complete while work remains: " + s);
            });

    int size = ScriptedProcessor.treeSize(3, 3);
    assertEquals(State.SUCCEEDED, end.state());
    assertEquals(size, end.expectedTasks());
    assertEquals(size, end.finishedTasks());
    assertEquals(size, end.counter("files"));
    assertEquals(Map.of("kind", "test"), end.attributes());
    assertEquals(java.util.Set.of("w1"), end.workers());
    assertEquals(size, processor.runsByTask.size());
    assertEquals(0, readyMessages(b.settings.topology().taskQueue()));
    assertTrue(reports.get() >= 1);
  }

  @Test
  void deferredTasksRunAfterTheWholeTreeDeepestFirst() throws Exception {
    BrokerFixture b = broker(5);
    ScriptedProcessor processor = new ScriptedProcessor();
    b.worker(processor, 3, "w1");
    b.worker(processor, 2, "w2");
    JobClient client = b.client("client");
    String job = client.submit(Map.of(), List.of(script("dtree:2:3:0:d")));

    JobStatus end = client.await(job, EVERY, s -> {});

    int dirs = ScriptedProcessor.treeSize(2, 3);
    assertEquals(State.SUCCEEDED, end.state());
    assertEquals(2 * dirs, end.finishedTasks());
    assertEquals(dirs, end.counter("meta"));
    List<String> order = List.copyOf(processor.metaOrder);
    assertEquals(dirs, order.size());
    int lastDepth = Integer.MAX_VALUE;
    for (String m : order) {
      assertTrue(m.endsWith(" after " + dirs), "a meta task ran before the tree was done: " + m);
      int depth = Integer.parseInt(m.split(" ")[0].split(":")[2]);
      assertTrue(depth <= lastDepth, "not deepest first: " + order);
      lastDepth = depth;
    }
  }

  @Test
  void aChainedJobStartsOnlyWhenThePreviousOneIsOver() throws Exception {
    BrokerFixture b = broker(5);
    ScriptedProcessor processor = new ScriptedProcessor();
    b.worker(processor, 2, "w1");
    JobClient client = b.client("client");
    String first = client.newJobId();
    String second = first + "-2";
    client.submit(
        first,
        Map.of("pass", "one"),
        List.of(script("dtree:2:2:0:x")),
        List.of(
            new LedgerEvent.ChainedJob(
                second, Map.of("pass", "two"), List.of(script("meta:second:0")))));

    List<JobStatus> chain = client.awaitChain(first, EVERY, s -> {});

    assertEquals(List.of(first, second), chain.stream().map(JobStatus::jobId).toList());
    assertEquals(State.SUCCEEDED, chain.get(1).state());
    assertEquals(Map.of("pass", "two"), chain.get(1).attributes());
    List<String> order = List.copyOf(processor.metaOrder);
    assertEquals("meta:second:0 after 7", order.get(order.size() - 1));
    assertEquals(ScriptedProcessor.treeSize(2, 2) + 1, order.size());
  }

  @Test
  void aTaskHeldByAWorkerThatDiesIsRedeliveredToAnother() throws Exception {
    BrokerFixture b = broker(5);
    ScriptedProcessor first = new ScriptedProcessor();
    WorkerNode doomed = b.worker(first, 1, "doomed");
    JobClient client = b.client("client");
    String job = client.submit(Map.of(), List.of(script("hold")));
    assertTrue(first.holding.await(30, TimeUnit.SECONDS), "the first worker never got the task");

    doomed.abort(); // a crash: the connection drops with the unacknowledged task
    ScriptedProcessor second = new ScriptedProcessor();
    second.release();
    b.worker(second, 1, "survivor");
    JobStatus end = client.await(job, EVERY, s -> {});
    first.release();

    assertEquals(State.SUCCEEDED, end.state());
    assertEquals(1, end.finishedTasks());
    assertEquals(1, first.runs.get());
    assertEquals(1, second.runs.get());
    assertEquals(java.util.Set.of("survivor"), end.workers());
  }

  @Test
  void aTaskThatKeepsFailingIsFailedAfterTheDeliveryLimitWithItsPath() throws Exception {
    BrokerFixture b = broker(2);
    ScriptedProcessor processor = new ScriptedProcessor();
    b.worker(processor, 1, "w1");
    JobClient client = b.client("client");
    String job = client.submit(Map.of(), List.of(script("tree:1:2"), script("fail")));

    JobStatus end = client.await(job, EVERY, s -> {});

    assertEquals(State.FAILED, end.state());
    assertEquals(4, end.expectedTasks());
    assertEquals(4, end.finishedTasks());
    assertEquals(1, end.failedTasks());
    assertEquals(1, end.failures().size());
    String failure = end.failures().get(0);
    assertTrue(failure.contains("/src/fail"), failure);
    assertTrue(failure.contains("simulated I/O error"), failure);
    assertTrue(failure.contains("failed 3 times"), failure);
    int failRuns = processor.runs.get() - 3; // the three tree tasks run once each
    assertEquals(3, failRuns, "the first delivery plus the limit of 2 redeliveries");
  }

  @Test
  void aPermanentFailureIsReportedAtOnce() throws Exception {
    BrokerFixture b = broker(5);
    ScriptedProcessor processor = new ScriptedProcessor();
    b.worker(processor, 1, "w1");
    JobClient client = b.client("client");
    String job = client.submit(Map.of(), List.of(script("permanent")));

    JobStatus end = client.await(job, EVERY, s -> {});

    assertEquals(State.FAILED, end.state());
    assertEquals(1, processor.runs.get());
    assertTrue(end.failures().get(0).contains("No such file or directory"), end.failures().get(0));
  }

  @Test
  void aTaskTheBrokerDeadLettersBecomesAFailedItemOfItsJob() throws Exception {
    BrokerFixture b = broker(1);
    JobClient client = b.client("client");
    String job = client.submit(Map.of(), List.of(script("tree:0:1")));
    // A consumer that crashes on the task, as far as the broker can tell: it returns it each time.
    Connection raw = b.rawConnection();
    Channel ch = raw.createChannel();
    ch.basicQos(1);
    AtomicInteger returns = new AtomicInteger();
    ch.basicConsume(
        b.settings.topology().taskQueue(),
        false,
        new DefaultConsumer(ch) {
          @Override
          public void handleDelivery(
              String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
              throws IOException {
            returns.incrementAndGet();
            getChannel().basicReject(env.getDeliveryTag(), true);
          }
        });
    waitFor(() -> readyMessages(b.settings.topology().deadLetterQueue()) == 1);
    ch.close();
    assertEquals(2, returns.get(), "the first delivery plus the limit of 1 redelivery");

    ScriptedProcessor processor = new ScriptedProcessor();
    b.worker(processor, 1, "w1");
    JobStatus end = client.await(job, EVERY, s -> {});

    assertEquals(State.FAILED, end.state());
    assertEquals(0, processor.runs.get());
    String failure = end.failures().get(0);
    assertTrue(failure.contains("/src/tree_0_1"), failure);
    assertTrue(failure.contains("dead-lettered by the broker (delivery_limit)"), failure);
    assertEquals(0, readyMessages(b.settings.topology().deadLetterQueue()));
  }

  @Test
  void aChannelClosedByTheBrokerIsReopenedAndItsTaskRedelivered() throws Exception {
    BrokerFixture b = broker(5);
    ScriptedProcessor processor = new ScriptedProcessor();
    WorkerNode w = b.worker(processor, 1, "w1");
    JobClient client = b.client("client");
    String held = client.submit(Map.of(), List.of(script("hold")));
    assertTrue(processor.holding.await(30, TimeUnit.SECONDS));

    // Acknowledging an unknown delivery tag makes the broker close the channel with 406
    // PRECONDITION_FAILED, just as the consumer timeout does.
    w.tasks().channel(0).basicAck(999_999, false);
    waitFor(() -> w.tasks().reopened() >= 1);
    processor.release(); // its acknowledgement goes to a dead channel: the task comes back

    JobStatus end = client.await(held, EVERY, s -> {});
    assertEquals(State.SUCCEEDED, end.state());
    assertEquals(2, processor.runs.get(), "run, then run again after the redelivery");

    String more = client.submit(Map.of(), List.of(script("tree:2:3")));
    assertEquals(State.SUCCEEDED, client.await(more, EVERY, s -> {}).state());
  }

  /**
   * An operator deletes the task queue under running workers: each consumer keeps one retry loop
   * (before, every failed attempt started another, until the connection ran out of channels), and
   * consumes again once the queue is declared anew, here by the next client.
   */
  @Test
  void aDeletedTaskQueueIsConsumedAgainOnceDeclaredWithOneRetryLoopPerConsumer() throws Exception {
    BrokerFixture b = broker(5);
    ScriptedProcessor processor = new ScriptedProcessor();
    WorkerNode w = b.worker(processor, 2, "w1");
    try (Channel admin = b.rawConnection().createChannel()) {
      admin.queueDelete(b.settings.topology().taskQueue());
    }
    Thread.sleep(8 * 500); // eight retry intervals of the fixture

    long loops =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("ferry-reopen-"))
            .count();
    assertTrue(loops <= 2, loops + " retry loops for 2 consumers");

    JobClient client = b.client("client"); // connecting declares the queues again
    String job = client.submit(Map.of(), List.of(script("tree:2:2")));
    assertEquals(State.SUCCEEDED, client.await(job, EVERY, s -> {}).state());
    assertTrue(w.tasks().reopened() >= 2, "reopened " + w.tasks().reopened());
  }

  @Test
  void aClientFollowingFromNowSeesItsJobWithoutReplayingTheHistory() throws Exception {
    BrokerFixture b = broker(5);
    b.worker(new ScriptedProcessor(), 2, "w1");
    JobClient first = b.client("first");
    String old = first.submit(Map.of(), List.of(script("tree:1:2")));
    assertEquals(State.SUCCEEDED, first.await(old, EVERY, s -> {}).state());

    JobClient follower = b.client("follower");
    follower.followFromNow(Duration.ofSeconds(30));
    String job = follower.submit(Map.of(), List.of(script("tree:2:3")));
    JobStatus end = follower.await(job, EVERY, s -> {});

    assertEquals(State.SUCCEEDED, end.state());
    assertEquals(ScriptedProcessor.treeSize(2, 3), end.finishedTasks());
    assertTrue(follower.snapshot(Duration.ofSeconds(30)).status(old).isEmpty(), "replayed");
  }

  @Test
  void aFollowerWhoseChannelOrConnectionIsClosedReadsFromTheFirstEntryAgain() throws Exception {
    BrokerControl.requireLocalControl();
    BrokerFixture b = broker(5);
    ScriptedProcessor processor = new ScriptedProcessor();
    b.worker(processor, 1, "w1");
    JobClient first = b.client("first");
    String old = first.submit(Map.of(), List.of(script("tree:1:2")));
    assertEquals(State.SUCCEEDED, first.await(old, EVERY, s -> {}).state());

    String name = b.settings.topology().prefix() + "-follower";
    JobClient follower = b.client(name);
    follower.followFromNow(Duration.ofSeconds(30));
    String held = follower.submit(Map.of(), List.of(script("hold")));
    assertTrue(processor.holding.await(30, TimeUnit.SECONDS));
    // 406 PRECONDITION_FAILED closes the reader's channel: it is reopened from the first entry.
    follower.ledgerChannel().basicAck(999_999, false);
    waitFor(() -> follower.snapshot(Duration.ofSeconds(30)).status(old).isPresent());

    JobClient second = b.client(name + "-2");
    second.followFromNow(Duration.ofSeconds(30));
    String job = second.submit(Map.of(), List.of(script("tree:1:2")));
    // A connection the broker closes is recovered; the reader then starts from the first entry.
    BrokerControl.closeConnection(name + "-2");
    processor.release();
    assertEquals(State.SUCCEEDED, second.await(job, EVERY, s -> {}).state());
    waitFor(() -> second.snapshot(Duration.ofSeconds(30)).status(old).isPresent());
    assertEquals(State.SUCCEEDED, follower.await(held, EVERY, s -> {}).state());
  }

  @Test
  void theTasksOfACancelledJobAreSkipped() throws Exception {
    BrokerFixture b = broker(5);
    JobClient client = b.client("client");
    String job =
        client.submit(
            Map.of(), List.of(script("tree:0:1"), script("tree:0:1"), script("tree:0:1")));
    client.cancel(job, "changed my mind");
    String other = client.submit(Map.of(), List.of(script("tree:1:2")));

    ScriptedProcessor processor = new ScriptedProcessor();
    WorkerNode w = b.worker(processor, 2, "w1");
    assertEquals(State.SUCCEEDED, client.await(other, EVERY, s -> {}).state());
    waitFor(() -> w.tasks().skipped() == 3);

    assertEquals(3, processor.runs.get(), "only the other job's tasks ran");
    JobStatus cancelled = client.status(job, Duration.ofSeconds(10)).orElseThrow();
    assertEquals(State.CANCELLED, cancelled.state());
    assertEquals("changed my mind", cancelled.cancelReason());
  }

  @Test
  void strayTasksNeitherHoldAJobOpenNorRunOnceItIsComplete() throws Exception {
    BrokerFixture b = broker(5);
    JobClient client = b.client("client");
    ScriptedProcessor processor = new ScriptedProcessor();
    WorkerNode w = b.worker(processor, 2, "w1");
    String job = client.submit(Map.of(), List.of(script("hold")));
    assertTrue(processor.holding.await(30, TimeUnit.SECONDS));
    String queue = b.settings.topology().taskQueue();
    try (ConfirmingPublisher p = new ConfirmingPublisher(b.rawConnection(), b.settings, b.clock)) {
      // What a crashed first run of a parent leaves behind once its rerun listed other children.
      p.publish(List.of(new TaskMessage(job, "stray-1", script("tree:2:2")).publication(queue)));
      waitFor(() -> processor.runs.get() == 1 + ScriptedProcessor.treeSize(2, 2));
      processor.release();
      JobStatus end = client.await(job, EVERY, s -> {});
      assertEquals(State.SUCCEEDED, end.state());
      assertEquals(1, end.finishedTasks());
      assertEquals(1, end.counter("files"), "the strays' work is not the job's");

      long skippedBefore = w.tasks().skipped();
      p.publish(List.of(new TaskMessage(job, "stray-2", script("tree:0:1")).publication(queue)));
      waitFor(() -> w.tasks().skipped() == skippedBefore + 1);
    }
    assertEquals(
        1 + ScriptedProcessor.treeSize(2, 2),
        processor.runs.get(),
        "a complete job's task does not run");
  }

  @Test
  void observersReplayTheLedgerAndFoldDuplicates() throws Exception {
    BrokerFixture b = broker(5);
    JobClient writer = b.client("writer");
    String stream = b.settings.topology().ledgerStream();
    TaskResult one = new TaskResult(List.of(), Map.of("files", 1L), List.of());
    List<LedgerEvent> events =
        List.of(
            LedgerEvent.created("j1", List.of("r"), Map.of(), List.of(), "c", 1),
            LedgerEvent.done("j1", "r", List.of("a", "b"), one, "w", 2),
            LedgerEvent.done("j1", "a", List.of(), one, "w", 3));
    try (ConfirmingPublisher p = new ConfirmingPublisher(b.rawConnection(), b.settings, b.clock)) {
      for (LedgerEvent e : events) {
        p.publish(List.of(e.publication(stream), e.publication(stream)));
      }
      JobClient observer = b.client("observer");
      JobStatus midway = observer.status("j1", Duration.ofSeconds(10)).orElseThrow();
      assertEquals(State.RUNNING, midway.state(), "b has not finished");
      assertEquals(2, midway.finishedTasks());
      assertEquals(2, midway.counter("files"));

      p.publish(List.of(LedgerEvent.done("j1", "b", List.of(), one, "w", 4).publication(stream)));
    }
    // A late observer, and one that was already watching, both see the end and do not hang.
    JobClient late = b.client("late");
    JobStatus end = late.await("j1", EVERY, s -> {});
    assertEquals(State.SUCCEEDED, end.state());
    assertEquals(3, end.counter("files"));
    assertEquals(State.SUCCEEDED, writer.await("j1", EVERY, s -> {}).state());
  }

  private long readyMessages(String queue) throws Exception {
    try (Channel ch = broker.rawConnection().createChannel()) {
      return ch.queueDeclarePassive(queue).getMessageCount();
    }
  }

  private static void waitFor(Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 60 s");
      }
      Thread.sleep(50);
    }
  }

  /** A condition that may throw. */
  interface Check {
    boolean holds() throws Exception;
  }
}
