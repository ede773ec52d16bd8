package dev.ferry.mover.amqp;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of one job, as folded from the ledger.
 *
 * @param expectedTasks tasks known to belong to the job (roots and every declared child)
 * @param finishedTasks distinct tasks that finished, done or dead-lettered
 * @param failedTasks tasks that were dead-lettered
 * @param failures failed items (with their paths) and dead-lettered tasks, one line each: the first
 *     {@value JobLedger#KEPT_LINES} of each kind
 * @param failureCount all failed items and dead-lettered tasks
 * @param differences what a dry run would change, one line each (the first {@value
 *     JobLedger#KEPT_LINES}); they do not fail the job
 * @param differenceCount all of them
 * @param warnings what workers warned about for the job ({@code warning: WORKER: ...}), each once
 *     (the first {@value JobLedger#KEPT_WARNINGS}); they do not fail the job
 * @param workers the workers that reported on the job
 * @param createdAt epoch milliseconds of the job's creation, 0 if not seen
 * @param lastEventAt epoch milliseconds of the latest entry about the job
 */
public record JobStatus(
    String jobId,
    State state,
    Map<String, String> attributes,
    int expectedTasks,
    int finishedTasks,
    int failedTasks,
    Map<String, Long> counters,
    List<String> failures,
    long failureCount,
    List<String> differences,
    long differenceCount,
    List<String> warnings,
    Set<String> workers,
    long createdAt,
    long lastEventAt,
    String cancelReason) {

  public JobStatus {
    attributes = Map.copyOf(attributes);
    counters = Map.copyOf(counters);
    failures = List.copyOf(failures);
    differences = List.copyOf(differences);
    warnings = List.copyOf(warnings);
    workers = Set.copyOf(workers);
  }

  /** Where a job stands. */
  public enum State {
    /** Tasks reported, but the job's creation is not (yet) in the ledger. */
    UNKNOWN,
    RUNNING,
    /** Every task finished and nothing failed. */
    SUCCEEDED,
    /** Every task finished, and some items or tasks failed. */
    FAILED,
    CANCELLED;

    public boolean terminal() {
      return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
  }

  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }
}
