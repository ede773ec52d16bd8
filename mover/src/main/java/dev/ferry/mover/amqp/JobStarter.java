package dev.ferry.mover.amqp;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a job: its root tasks, then its CREATED entry, then its coordination token, each confirmed
 * before the next, so that whatever an observer sees in the ledger exists in the queues.
 */
final class JobStarter {
  static final String SINCE_HEADER = "ferry-since";

  private final ConfirmingPublisher publisher;
  private final Topology topology;
  private final Clock clock;
  private final String name;

  JobStarter(ConfirmingPublisher publisher, Topology topology, Clock clock, String name) {
    this.publisher = publisher;
    this.topology = topology;
    this.clock = clock;
    this.name = name;
  }

  void start(
      String jobId,
      Map<String, String> attributes,
      List<byte[]> roots,
      List<LedgerEvent.ChainedJob> chain)
      throws InterruptedException {
    List<Publication> tasks = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      TaskMessage t = TaskMessage.root(jobId, i, roots.get(i));
      tasks.add(t.publication(topology.taskQueue()));
      ids.add(t.taskId());
    }
    publisher.publish(tasks);
    publisher.publish(
        List.of(
            LedgerEvent.created(jobId, ids, attributes, chain, name, clock.millis())
                .publication(topology.ledgerStream())));
    publisher.publish(List.of(token(jobId, clock.millis(), topology.coordinationQueue())));
  }

  /** The message that keeps a job moving; the body is the job id. */
  static Publication token(String jobId, long since, String queue) {
    return new Publication(
        queue,
        "token:" + jobId,
        Map.of(TaskMessage.JOB_HEADER, jobId, SINCE_HEADER, since),
        "text/plain",
        jobId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
