package dev.ferry.mover.amqp;

import static dev.ferry.mover.amqp.ScriptedProcessor.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.amqp.JobStatus.State;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Workers that run several deliveries per channel and complete them in groups, against the real
 * broker: the order children, DONE entry, acknowledgement holds as the broker sees it, and a crash
 * with several tasks in flight loses nothing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TaskFinisherTest {
  private static final Duration EVERY = Duration.ofMillis(100);
  private BrokerFixture broker;
  private String policy;

  @AfterEach
  void cleanUp() throws Exception {
    if (policy != null) {
      BrokerControl.clearPolicy(policy);
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aTaskStaysUnacknowledgedAndUnrecordedUntilItsChildrenAreConfirmed() throws Exception {
    BrokerControl.requireLocalControl();
    broker = new BrokerFixture(5);
    String tasks = broker.settings.topology().taskQueue();
    ScriptedProcessor first = new ScriptedProcessor();
    // One delivery at a time, so that the next job's root stays ready in the queue.
    WorkerNode doomed = broker.worker(first, 1, 1, "doomed");
    JobClient client = broker.client("client");
    String job = client.submit(Map.of(), List.of(script("holdtree:1:3")));
    assertTrue(first.holding.await(30, TimeUnit.SECONDS), "the worker never got the root");
    String waiting = client.submit(Map.of(), List.of(script("tree:0:1")));

    // With a ready message in it, the task queue refuses every new one (x-overflow
    // reject-publish): the children of the root cannot be confirmed while this policy holds.
    policy = broker.settings.topology().prefix() + "-full";
    BrokerControl.setPolicy(policy, "^" + tasks.replace(".", "[.]") + "$", "{\"max-length\":0}");
    waitFor(() -> policy.equals(BrokerControl.queueInfo(tasks, "policy")));
    first.release();
    Thread.sleep(2000); // the finisher keeps retrying the children meanwhile
    JobStatus meanwhile = client.status(job, Duration.ofSeconds(30)).orElseThrow();
    assertEquals(0, meanwhile.finishedTasks(), "a DONE entry before its children: " + meanwhile);

    // Had the root been acknowledged, the broker would have nothing to give the next worker, and
    // the job would never end.
    doomed.abort();
    BrokerControl.clearPolicy(policy);
    policy = null;
    ScriptedProcessor second = new ScriptedProcessor();
    second.release();
    broker.worker(second, 1, 4, "survivor");
    JobStatus end = client.await(job, EVERY, s -> {});

    assertEquals(State.SUCCEEDED, end.state());
    assertEquals(4, end.expectedTasks());
    assertEquals(4, end.finishedTasks());
    assertEquals(State.SUCCEEDED, client.await(waiting, EVERY, s -> {}).state());
    assertEquals(1, first.runs.get());
    assertEquals(5, second.runs.get(), "the root again, its three children, the other root");
    assertEquals(java.util.Set.of("survivor"), end.workers());
  }

  @Test
  void aWorkerKilledWithSeveralTasksInFlightLosesNothing() throws Exception {
    broker = new BrokerFixture(5);
    ScriptedProcessor first = new ScriptedProcessor();
    WorkerNode doomed = broker.worker(first, 2, 8, "doomed");
    JobClient client = broker.client("client");
    String job = client.submit(Map.of(), List.of(script("slowtree:2:12:200")));
    waitFor(() -> first.runs.get() >= 20);

    doomed.abort(); // kill -9: the connection drops with every unacknowledged delivery
    ScriptedProcessor second = new ScriptedProcessor();
    broker.worker(second, 2, 8, "survivor");
    JobStatus end = client.await(job, EVERY, s -> {});

    int size = ScriptedProcessor.treeSize(2, 12);
    assertEquals(State.SUCCEEDED, end.state());
    assertEquals(size, end.expectedTasks());
    assertEquals(size, end.finishedTasks());
    assertEquals(size, end.counter("files"), "each task counted once");
    java.util.Set<String> both = new java.util.HashSet<>(first.runsByTask.keySet());
    both.retainAll(second.runsByTask.keySet());
    assertFalse(both.isEmpty(), "no task that was running at the crash ran again");
    java.util.Set<String> all = new java.util.HashSet<>(first.runsByTask.keySet());
    all.addAll(second.runsByTask.keySet());
    assertEquals(size, all.size(), "every task ran");
  }

  @Test
  void noTaskIsRecordedDoneBeforeTheFilesystemItWroteToWasFlushed() throws Exception {
    broker = new BrokerFixture(5);
    ScriptedProcessor p = new ScriptedProcessor();
    CountDownLatch hold = new CountDownLatch(1);
    p.holdFlushes = hold;
    broker.worker(p, 2, 4, "flusher");
    JobClient client = broker.client("client");
    String job = client.submit(Map.of(), List.of(script("wtree:1:4:/target")));
    assertTrue(p.flushing.await(30, TimeUnit.SECONDS), "the worker never flushed");
    Thread.sleep(1000); // time enough to record an entry it should not

    JobStatus meanwhile = client.status(job, Duration.ofSeconds(30)).orElseThrow();
    assertEquals(0, meanwhile.finishedTasks(), "recorded before its flush: " + meanwhile);

    hold.countDown();
    JobStatus end = client.await(job, EVERY, s -> {});
    assertEquals(State.SUCCEEDED, end.state());
    assertEquals(5, end.finishedTasks());
    assertTrue(p.flushed.size() >= 1 && p.flushed.size() <= 5, "once per group: " + p.flushed);
    assertEquals(java.util.Set.of(Path.of("/target")), java.util.Set.copyOf(p.flushed));
  }

  @Test
  void aFailedFlushFailsTheTasksThatWroteThereAndOnlyThose() throws Exception {
    broker = new BrokerFixture(5);
    ScriptedProcessor p = new ScriptedProcessor();
    p.failFlushOf = Path.of("/bad");
    broker.worker(p, 1, 1, "flusher");
    JobClient client = broker.client("client");
    String bad = client.submit(Map.of(), List.of(script("wtree:0:1:/bad")));
    String good = client.submit(Map.of(), List.of(script("wtree:0:1:/good")));

    JobStatus failed = client.await(bad, EVERY, s -> {});
    assertEquals(State.FAILED, failed.state(), failed.toString());
    assertEquals(1, failed.failures().size(), failed.toString());
    String line = failed.failures().get(0).toString();
    assertTrue(line.contains("/src/wtree_0_1_/bad"), line);
    assertTrue(line.contains("cannot flush the target filesystem"), line);
    assertTrue(line.contains("simulated writeback error on /bad"), line);
    assertEquals(State.SUCCEEDED, client.await(good, EVERY, s -> {}).state());
    assertEquals(2, p.runs.get(), "the failed task was recorded, not run again");
  }

  private static void waitFor(TaskTransportTest.Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 60 s");
      }
      Thread.sleep(50);
    }
  }
}
