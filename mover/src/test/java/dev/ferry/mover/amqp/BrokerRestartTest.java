package dev.ferry.mover.amqp;

import static dev.ferry.mover.amqp.ScriptedProcessor.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.amqp.JobStatus.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker restart in the middle of a job: the worker and the waiting client reconnect by
 * themselves and the job completes exactly. The broker is always started again, whatever happens.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrokerRestartTest {
  private BrokerFixture broker;

  @AfterEach
  void cleanUp() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void workersAndWaitingClientsRideOutABrokerRestart() throws Exception {
    BrokerControl.requireLocalControl();
    broker = new BrokerFixture(5);
    ScriptedProcessor processor = new ScriptedProcessor();
    broker.worker(processor, 2, "w1");
    JobClient client = broker.client("client");
    String job = client.submit(Map.of(), List.of(script("slowtree:3:4:100")));
    CompletableFuture<JobStatus> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return client.await(job, Duration.ofMillis(200), s -> {});
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    while (processor.runs.get() < 10) {
      Thread.sleep(20);
    }

    try {
      BrokerControl.stopApp();
      Thread.sleep(3000); // workers keep running their tasks and retry their publications
    } finally {
      BrokerControl.startApp();
    }

    JobStatus end = waiting.get(120, TimeUnit.SECONDS);
    int size = ScriptedProcessor.treeSize(3, 4);
    assertEquals(State.SUCCEEDED, end.state());
    assertEquals(size, end.expectedTasks());
    assertEquals(size, end.finishedTasks());
    assertEquals(size, processor.runsByTask.size(), "every task ran");
    assertTrue(processor.runs.get() >= size);
  }
}
