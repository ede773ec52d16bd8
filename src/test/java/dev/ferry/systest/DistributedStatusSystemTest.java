package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.mover.amqp.BrokerSettings;
import dev.ferry.mover.amqp.JobClient;
import dev.ferry.mover.amqp.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ferry status} and {@code ferry cancel} as an operator runs them, on a real broker. */
class DistributedStatusSystemTest {
  private final DistributedCli cli = new DistributedCli();

  @AfterEach
  void stop() throws Exception {
    cli.killAll();
  }

  private JobClient client() throws InterruptedException {
    return JobClient.connect(
        BrokerSettings.of(cli.brokerUri, Topology.named(cli.prefix)), Clock.systemUTC(), "test");
  }

  @Test
  void statusShowsAWaitingJobAndCancelStopsIt() throws Exception {
    String job;
    try (JobClient client = client()) {
      job =
          client.submit(
              Map.of("kind", "copy", "source", "panda:/a", "target", "badger:/a"),
              List.of("{}".getBytes(StandardCharsets.UTF_8)));
    }

    DistributedCli.Result all = cli.run("status");
    assertEquals(0, all.exit(), all.toString());
    assertTrue(all.out().contains(job), all.toString());
    assertTrue(all.out().contains("running"), all.toString());
    assertTrue(all.out().contains("panda:/a -> badger:/a"), all.toString());

    DistributedCli.Result one = cli.run("status", job, "--json");
    assertEquals(0, one.exit(), one.toString());
    JsonNode json = new ObjectMapper().readTree(one.out());
    assertEquals("RUNNING", json.path("state").asText());
    assertEquals(1, json.path("expectedTasks").asInt());
    assertEquals(0, json.path("finishedTasks").asInt());

    DistributedCli.Result cancel = cli.run("cancel", job, "--reason", "wrong target");
    assertEquals(0, cancel.exit(), cancel.toString());
    DistributedCli.Result after = cli.run("status", job);
    assertEquals(1, after.exit(), "a cancelled job is not a success: " + after);
    assertTrue(after.out().contains("cancelled (wrong target)"), after.toString());
  }

  @Test
  void anUnknownJobIsAUsageError() throws Exception {
    DistributedCli.Result r = cli.run("status", "no-such-job");
    assertEquals(2, r.exit(), r.toString());
    assertEquals("ferry status: no job no-such-job in the ledger", r.err().strip());
    DistributedCli.Result c = cli.run("cancel", "no-such-job");
    assertEquals(2, c.exit(), c.toString());
  }

  @Test
  void anUnreachableBrokerIsExitThreeWithoutTheCredentials() throws Exception {
    Map<String, String> env = new HashMap<>(cli.env());
    env.put("FERRY_BROKER", "amqp://admin:s3cret@127.0.0.1:1/%2F");
    env.put("FERRY_BROKER_PATIENCE", "1");
    DistributedCli.Result r = cli.run(env, "status");
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains("unreachable"), r.toString());
    assertTrue(!r.err().contains("s3cret") && !r.out().contains("s3cret"), r.toString());
  }

  @Test
  void withoutABrokerStatusSaysHowToGiveOne() throws Exception {
    Map<String, String> env = new HashMap<>(cli.env());
    env.remove("FERRY_BROKER");
    DistributedCli.Result r = cli.run(env, "status");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("--broker"), r.toString());
  }
}
