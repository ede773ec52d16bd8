package dev.ferry.mover.amqp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The warnings a worker's handlers gave about a job (a Lustre layout it cannot keep on this node,
 * say), held until the next task of that job this worker records: its DONE entry carries them to
 * the ledger, so that the waiting client and {@code ferry status} show them, not only this worker's
 * log. Thread-safe.
 */
public final class JobWarnings {
  /** Most warnings held for one job; the handlers give each distinct one once per job anyway. */
  static final int HELD_PER_JOB = 32;

  private final Map<String, Set<String>> pending = new HashMap<>();

  /** Where the handlers of one job put their warnings. */
  public Consumer<String> of(String jobId) {
    return warning -> add(jobId, warning);
  }

  private synchronized void add(String jobId, String warning) {
    Set<String> held = pending.computeIfAbsent(jobId, id -> new LinkedHashSet<>());
    if (held.size() < HELD_PER_JOB) {
      held.add(warning);
    }
  }

  /** The job's warnings not yet taken, in the order given; none are held for it afterwards. */
  synchronized List<String> take(String jobId) {
    Set<String> held = pending.remove(jobId);
    return held == null ? List.of() : new ArrayList<>(held);
  }
}
