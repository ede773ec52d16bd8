package dev.ferry.mover.amqp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fold of the ledger stream into the state of every job. Completion is exact: a job is complete
 * when it was created and every task it is known to contain (its roots, and every child a finished
 * task declared) has finished, by a DONE or a FAILED entry. Entries may come twice, in any number,
 * from redeliveries and from replays after a reconnection: all state is kept as sets keyed by task
 * id, so a duplicate changes nothing. Thread-safe.
 */
public final class JobLedger {
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Set<String> markers = new HashSet<>();

  public synchronized void apply(LedgerEvent e) {
    if (e.type() == LedgerEvent.Type.MARKER) {
      markers.add(e.task());
      notifyAll();
      return;
    }
    jobs.computeIfAbsent(e.job(), Job::new).apply(e);
    notifyAll();
  }

  public synchronized Optional<JobStatus> status(String jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(Job::status);
  }

  /** Every job seen, oldest first. */
  public synchronized List<JobStatus> statuses() {
    List<JobStatus> all = new ArrayList<>();
    for (Job j : jobs.values()) {
      all.add(j.status());
    }
    return all;
  }

  /**
   * The deferred tasks whose turn has come: once every outstanding task of the job is a deferred
   * task not yet released, those of the deepest level. Empty otherwise. Acting on a fold that lags
   * behind the stream is safe: a prefix of the ledger never shows fewer outstanding tasks than a
   * longer one, except for tasks it cannot know of yet, whose parents are then outstanding too.
   */
  public synchronized List<LedgerEvent.Deferred> readyWave(String jobId) {
    Job j = jobs.get(jobId);
    return j == null ? List.of() : j.readyWave();
  }

  /**
   * Whether every outstanding task of the job is a deferred one (released or not): the job is in
   * its finishing waves, where each wave waits for the coordinator's next look.
   */
  public synchronized boolean finishing(String jobId) {
    Job j = jobs.get(jobId);
    return j != null && j.finishing();
  }

  /** The jobs to start after this one, as its CREATED entry listed them. */
  public synchronized List<LedgerEvent.ChainedJob> chain(String jobId) {
    Job j = jobs.get(jobId);
    return j == null ? List.of() : j.chain;
  }

  public synchronized boolean isCancelled(String jobId) {
    Job j = jobs.get(jobId);
    return j != null && j.cancelled;
  }

  synchronized boolean sawMarker(String id) {
    return markers.contains(id);
  }

  /** Waits until the fold changes or the timeout passes. */
  synchronized void awaitChange(long millis) throws InterruptedException {
    wait(millis);
  }

  /** One job's mutable fold. */
  private static final class Job {
    private final String id;
    private boolean created;
    private boolean cancelled;
    private String cancelReason = "";
    private Map<String, String> attributes = Map.of();
    private final Set<String> expected = new HashSet<>();
    private final Set<String> finished = new HashSet<>();
    private final Set<String> outstanding = new HashSet<>();
    private int outstandingOrdinary; // outstanding tasks that are not deferred ones
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> failedTasks = new LinkedHashMap<>();
    private final Set<String> workers = new HashSet<>();
    private final Map<String, LedgerEvent.Deferred> deferred = new HashMap<>();
    private final Set<String> released = new HashSet<>();
    private List<LedgerEvent.ChainedJob> chain = List.of();
    private long createdAt;
    private long lastAt;

    Job(String id) {
      this.id = id;
    }

    void apply(LedgerEvent e) {
      lastAt = Math.max(lastAt, e.at());
      if (e.worker() != null && e.type() != LedgerEvent.Type.CREATED) {
        workers.add(e.worker());
      }
      switch (e.type()) {
        case CREATED -> {
          if (!created) {
            created = true;
            createdAt = e.at();
            attributes = e.attributes();
            chain = e.chain();
          }
          e.tasks().forEach(this::expect);
        }
        case DONE -> {
          e.tasks().forEach(this::expect);
          if (e.finish() != null) {
            deferred.putIfAbsent(e.finish().id(), e.finish());
            expect(e.finish().id());
          }
          if (finish(e.task())) {
            e.counters().forEach((k, v) -> counters.merge(k, v, Long::sum));
            failures.addAll(e.failures());
          }
        }
        case FAILED -> {
          if (finish(e.task())) {
            String what =
                e.failures().isEmpty() ? "task " + e.task() : String.join(", ", e.failures());
            failedTasks.put(e.task(), what + ": " + e.reason());
          }
        }
        case RELEASED -> released.addAll(e.tasks());
        case CANCELLED -> {
          cancelled = true;
          cancelReason = e.reason() == null ? "" : e.reason();
        }
        case MARKER -> throw new IllegalStateException("markers belong to no job");
      }
    }

    boolean finishing() {
      return created && !outstanding.isEmpty() && outstandingOrdinary == 0;
    }

    List<LedgerEvent.Deferred> readyWave() {
      if (cancelled || !created || outstanding.isEmpty()) {
        return List.of();
      }
      int deepest = -1;
      for (String id : outstanding) {
        LedgerEvent.Deferred d = deferred.get(id);
        if (d == null || released.contains(id)) {
          return List.of(); // ordinary work, or a released wave, is still running
        }
        deepest = Math.max(deepest, d.depth());
      }
      List<LedgerEvent.Deferred> wave = new ArrayList<>();
      for (String id : outstanding) {
        if (deferred.get(id).depth() == deepest) {
          wave.add(deferred.get(id));
        }
      }
      return wave;
    }

    private void expect(String task) {
      if (expected.add(task) && !finished.contains(task)) {
        outstanding.add(task);
        if (!deferred.containsKey(task)) {
          outstandingOrdinary++;
        }
      }
    }

    /** Records a finished task; false when it had finished already (a duplicate entry). */
    private boolean finish(String task) {
      if (outstanding.remove(task) && !deferred.containsKey(task)) {
        outstandingOrdinary--;
      }
      return finished.add(task);
    }

    JobStatus status() {
      JobStatus.State state;
      if (cancelled) {
        state = JobStatus.State.CANCELLED;
      } else if (!created) {
        state = JobStatus.State.UNKNOWN;
      } else if (!outstanding.isEmpty()) {
        state = JobStatus.State.RUNNING;
      } else if (failedTasks.isEmpty() && failures.isEmpty()) {
        state = JobStatus.State.SUCCEEDED;
      } else {
        state = JobStatus.State.FAILED;
      }
      List<String> allFailures = new ArrayList<>(failures);
      allFailures.addAll(failedTasks.values());
      return new JobStatus(
          id,
          state,
          attributes,
          expected.size(),
          finished.size(),
          failedTasks.size(),
          counters,
          allFailures,
          workers,
          createdAt,
          lastAt,
          cancelReason);
    }
  }
}
