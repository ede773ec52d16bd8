package dev.ferry.mover.amqp;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a worker knows about the jobs whose tasks it runs: their CREATED attributes (the pass and
 * its options). A task can arrive before its job's CREATED entry was folded here, since roots are
 * published first; a miss therefore catches the fold up once before giving up.
 */
public final class JobDirectory {
  private final LedgerReader reader;
  private final Duration patience;

  JobDirectory(LedgerReader reader, Duration patience) {
    this.reader = reader;
    this.patience = patience;
  }

  /**
   * The job's attributes, or empty when the ledger does not know the job within the patience. The
   * submitting client writes CREATED right after its roots are confirmed, so the wait is normally a
   * few milliseconds; it is not a failed delivery (which would count toward the limit).
   */
  public Optional<Map<String, String>> attributes(String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    Optional<JobStatus> s = known(jobId);
    while (s.isEmpty() && System.nanoTime() < deadline) {
      reader.catchUp(patience);
      long seen = reader.ledger().changes();
      s = known(jobId);
      if (s.isEmpty()) {
        reader.ledger().awaitChange(seen, 100);
        s = known(jobId);
      }
    }
    return s.map(JobStatus::attributes);
  }

  private Optional<JobStatus> known(String jobId) {
    return reader.ledger().status(jobId).filter(s -> s.state() != JobStatus.State.UNKNOWN);
  }
}
