package dev.ferry.mover.amqp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fold of the ledger stream into the state of every job. Completion is exact: a job is complete
 * when it was created and every task it contains has finished, by a DONE or a FAILED entry. A job
 * contains its roots and, transitively, the children and the deferred task that the first entry of
 * each contained task declared. Entries may come twice, in any number, from redeliveries and from
 * replays after a reconnection: all state is kept by task id and a task's first entry settles it,
 * so a duplicate changes nothing. An entry of a task not (yet) known to belong to the job waits
 * until its parent's entry makes it part of the job; the entry of a task that never does (a child
 * published by a run that crashed before its entry, then listed differently by the rerun) never
 * counts, so such a stray task can neither hold a job open nor add to its counters. Once complete,
 * a job stays complete whatever entries follow ({@link #isOver}), so the fold then forgets its
 * tasks and keeps only what its status shows: a worker folds every job of the stream's 30 days, and
 * holds the tasks of the running ones only. A cancelled job never completes (its remaining tasks
 * are skipped); it is frozen the same way once the entries folded are {@link #CANCELLED_HELD}
 * younger than its cancellation. Of a job's failure and difference lines it keeps the first {@link
 * #KEPT_LINES} of each and counts them all, as the embedded mode's summary does; a {@link Lines}
 * listener sees every one as it is folded. Thread-safe.
 */
public final class JobLedger {
  /** Failure lines, and difference lines, kept per job (the first ones). */
  public static final int KEPT_LINES = 10_000;

  /** Warnings kept per job: each worker gives each distinct one once per job. */
  public static final int KEPT_WARNINGS = 100;

  /**
   * Told of each line that counts for a job, once, as it is folded: a failure or a worker's warning
   * ({@code difference} false; a warning reads {@code warning: WORKER: ...}), or a difference.
   */
  @FunctionalInterface
  public interface Lines {
    void line(String jobId, String line, boolean difference);
  }

  /**
   * How long after its cancellation a job's fold keeps its tasks, by the time of the entries folded
   * since: the tasks that were running then still record their entries, and a task ends well inside
   * the broker's consumer timeout (30 minutes) or goes back to the queue, where workers skip it.
   * Then its status is frozen and its tasks are dropped, as for a complete job.
   */
  static final Duration CANCELLED_HELD = Duration.ofHours(1);

  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Map<String, Job> cancelledHeld = new LinkedHashMap<>();
  private final Set<String> markers = new HashSet<>();
  private final Lines lines;
  private long changes;

  public JobLedger() {
    this((job, line, difference) -> {});
  }

  /** A fold whose every counted line also goes to {@code lines} (called with the fold locked). */
  public JobLedger(Lines lines) {
    this.lines = lines;
  }

  public synchronized void apply(LedgerEvent e) {
    if (e.type() == LedgerEvent.Type.MARKER) {
      markers.add(e.task());
    } else {
      Job j = jobs.computeIfAbsent(e.job(), id -> new Job(id, lines));
      j.apply(e);
      if (j.cancelled && !j.complete) {
        cancelledHeld.putIfAbsent(j.id, j);
      }
    }
    releaseCancelledBefore(e.at() - CANCELLED_HELD.toMillis());
    changes++;
    notifyAll();
  }

  /** Drops the tasks of the jobs cancelled before {@code millis} (see {@link #CANCELLED_HELD}). */
  private void releaseCancelledBefore(long millis) {
    if (cancelledHeld.isEmpty()) {
      return;
    }
    Iterator<Job> held = cancelledHeld.values().iterator();
    while (held.hasNext()) {
      Job j = held.next();
      if (!j.complete && j.cancelledAt <= millis) {
        j.freeze();
      }
      if (j.complete) {
        held.remove();
      }
    }
  }

  /** How many entries were folded so far: what to pass to {@link #awaitChange}. */
  public synchronized long changes() {
    return changes;
  }

  public synchronized Optional<JobStatus> status(String jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(Job::status);
  }

  /** Where one job stands, without the copies of its lists that {@link #status} makes. */
  public synchronized Optional<JobStatus.State> state(String jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(Job::state);
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
   * The deferred tasks that wait for named tasks (a file's commit waits for its chunks) and whose
   * turn has come: every task they wait for is finished. Those whose tasks all succeeded are to be
   * released; those with a failed one (a FAILED entry, or a DONE entry with item failures, as the
   * task's first entry says) are never to run and are to be recorded as failed. Every reader folds
   * the same stream in the same order, so a late fold decides the same.
   */
  public synchronized Due dueAfter(String jobId) {
    Job j = jobs.get(jobId);
    return j == null ? Due.NONE : j.dueAfter();
  }

  /** Deferred tasks whose awaited tasks are over: to release, or to record as failed. */
  public record Due(List<LedgerEvent.Deferred> release, List<LedgerEvent.Deferred> abandon) {
    static final Due NONE = new Due(List.of(), List.of());

    public boolean isEmpty() {
      return release.isEmpty() && abandon.isEmpty();
    }
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

  /**
   * True when the job is cancelled or complete: no task of it needs to run any more. A task of such
   * a job is a duplicate of a finished one or a stray (see the class comment), and stays so
   * whatever the rest of the ledger holds, so acting on a lagging fold is safe.
   */
  public synchronized boolean isOver(String jobId) {
    Job j = jobs.get(jobId);
    return j != null && (j.cancelled || (j.created && j.outstanding.isEmpty()));
  }

  /** Task ids and deferred tasks the fold holds for a job (none once it is complete). */
  synchronized int tasksHeld(String jobId) {
    Job j = jobs.get(jobId);
    return j == null ? 0 : j.tasksHeld();
  }

  synchronized boolean sawMarker(String id) {
    return markers.contains(id);
  }

  /**
   * Waits until the fold holds more than {@code seen} entries ({@link #changes}, read before the
   * state the caller looked at) or the timeout passes. Comparing counts, not waiting for a
   * notification, keeps an entry folded between the caller's look and its wait from being missed
   * (which cost a waiting client up to its full timeout after the last entry of a job).
   */
  synchronized void awaitChange(long seen, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    for (long left = millis; changes == seen && left > 0; ) {
      wait(left);
      left = (deadline - System.nanoTime()) / 1_000_000;
    }
  }

  /** One job's mutable fold. */
  private static final class Job {
    private final String id;
    private final Lines lines;
    private boolean created;
    private boolean cancelled;
    private long cancelledAt;
    private String cancelReason = "";
    private Map<String, String> attributes = Map.of();
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> differences = new ArrayList<>();
    private final List<String> failedTaskLines = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private long failureCount;
    private long differenceCount;
    private int finishedCount;
    private int failedTaskCount;
    private final Set<String> workers = new HashSet<>();

    // The task-level state, by task id: a job contains finished plus outstanding. Dropped once the
    // job is complete (see compact): a worker folds 30 days of jobs.
    private Set<String> finished = new HashSet<>();
    private Set<String> outstanding = new HashSet<>();
    private Set<String> failedTasks = new HashSet<>();
    private Set<String> withItemFailures = new HashSet<>();
    private Map<String, LedgerEvent.Deferred> deferred = new HashMap<>();
    private Map<String, LedgerEvent> early = new HashMap<>();
    private Set<String> released = new HashSet<>();

    /** Deferred tasks that wait for named tasks (commits), neither released nor finished. */
    private Set<String> awaiting = new HashSet<>();

    /** Set when the job is complete: its task-level state is gone, and later entries are moot. */
    private boolean complete;

    /** Tasks still outstanding when a cancelled job was frozen: they will never run. */
    private int neverRun;

    private List<LedgerEvent.ChainedJob> chain = List.of();
    private long createdAt;
    private long lastAt;

    Job(String id, Lines lines) {
      this.id = id;
      this.lines = lines;
    }

    void apply(LedgerEvent e) {
      if (complete && e.type() != LedgerEvent.Type.CANCELLED) {
        return; // a duplicate or a stray (see the class comment): it would change nothing
      }
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
        case DONE, FAILED -> {
          if (finished.contains(e.task()) || outstanding.contains(e.task())) {
            settle(e).forEach(this::expect);
          } else {
            early.putIfAbsent(e.task(), e);
          }
        }
        case RELEASED -> {
          released.addAll(e.tasks());
          e.tasks().forEach(awaiting::remove);
        }
        case CANCELLED -> {
          if (!cancelled) {
            cancelledAt = e.at();
          }
          cancelled = true;
          cancelReason = e.reason() == null ? "" : e.reason();
        }
        case MARKER -> throw new IllegalStateException("markers belong to no job");
      }
      if (created && outstanding.isEmpty() && !complete) {
        compact();
      }
    }

    /**
     * Keeps what a complete job's status shows and drops the rest: per task, the fold holds a few
     * hundred bytes (ids, deferred bodies) while the job runs, and nothing once it is complete.
     */
    private void compact() {
      complete = true;
      finished = Set.of();
      outstanding = Set.of();
      failedTasks = Set.of();
      withItemFailures = Set.of();
      deferred = Map.of();
      early = Map.of();
      released = Set.of();
      awaiting = Set.of();
    }

    /** Freezes a cancelled job's status and drops its tasks, as for a complete job. */
    void freeze() {
      neverRun = outstanding.size();
      compact();
    }

    int tasksHeld() {
      return finished.size()
          + outstanding.size()
          + failedTasks.size()
          + withItemFailures.size()
          + deferred.size()
          + early.size()
          + released.size()
          + awaiting.size();
    }

    List<LedgerEvent.Deferred> readyWave() {
      if (cancelled || !created || outstanding.isEmpty()) {
        return List.of();
      }
      int deepest = -1;
      for (String id : outstanding) {
        LedgerEvent.Deferred d = deferred.get(id);
        if (d == null || released.contains(id) || !d.after().isEmpty()) {
          // ordinary work, a released wave, or a commit (its own rule: dueAfter) is pending
          return List.of();
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

    Due dueAfter() {
      if (cancelled || !created) {
        return Due.NONE;
      }
      List<LedgerEvent.Deferred> release = new ArrayList<>();
      List<LedgerEvent.Deferred> abandon = new ArrayList<>();
      for (String id : awaiting) {
        LedgerEvent.Deferred d = deferred.get(id);
        if (!finished.containsAll(d.after())) {
          continue;
        }
        boolean failed = false;
        for (String t : d.after()) {
          failed |= failedTasks.contains(t) || withItemFailures.contains(t);
        }
        (failed ? abandon : release).add(d);
      }
      return release.isEmpty() && abandon.isEmpty() ? Due.NONE : new Due(release, abandon);
    }

    /**
     * Makes a task part of the job, and with it whatever its already folded entry declared.
     * Iterative: a deep tree whose entries all came early must not exhaust the stack.
     */
    private void expect(String task) {
      Deque<String> todo = new ArrayDeque<>(List.of(task));
      while (!todo.isEmpty()) {
        String t = todo.pop();
        if (finished.contains(t) || !outstanding.add(t)) {
          continue;
        }
        LedgerEvent.Deferred d = deferred.get(t);
        if (d != null && !d.after().isEmpty() && !released.contains(t)) {
          awaiting.add(t);
        }
        LedgerEvent e = early.remove(t);
        if (e != null) {
          todo.addAll(settle(e));
        }
      }
    }

    /** Folds the first entry of a task of the job; returns the tasks it adds to the job. */
    private List<String> settle(LedgerEvent e) {
      if (!finished.add(e.task())) {
        return List.of(); // a later entry of a settled task: a duplicate or a rerun
      }
      finishedCount++;
      outstanding.remove(e.task());
      awaiting.remove(e.task());
      deferred.remove(e.task()); // released and run: its body is no longer needed
      if (e.type() == LedgerEvent.Type.FAILED) {
        String what = e.failures().isEmpty() ? "task " + e.task() : String.join(", ", e.failures());
        failedTasks.add(e.task());
        keep(failedTaskLines, failedTaskCount++, what + ": " + e.reason());
        lines.line(id, what + ": " + e.reason(), false);
        return List.of();
      }
      e.counters().forEach((k, v) -> counters.merge(k, v, Long::sum));
      for (String f : e.failures()) {
        keep(failures, failureCount++, f);
        lines.line(id, f, false);
      }
      for (String d : e.differences()) {
        keep(differences, differenceCount++, d);
        lines.line(id, d, true);
      }
      for (String w : e.warnings()) {
        String line = "warning: " + e.worker() + ": " + w;
        if (warnings.size() < KEPT_WARNINGS && warnings.add(line)) {
          lines.line(id, line, false);
        }
      }
      if (!e.failures().isEmpty()) {
        withItemFailures.add(e.task());
      }
      List<String> added = new ArrayList<>(e.tasks());
      if (e.finish() != null) {
        deferred.putIfAbsent(e.finish().id(), e.finish());
        added.add(e.finish().id());
      }
      return added;
    }

    private static void keep(List<String> kept, long before, String line) {
      if (before < KEPT_LINES) {
        kept.add(line);
      }
    }

    JobStatus.State state() {
      if (cancelled) {
        return JobStatus.State.CANCELLED;
      } else if (!created) {
        return JobStatus.State.UNKNOWN;
      } else if (!outstanding.isEmpty()) {
        return JobStatus.State.RUNNING;
      } else if (failedTaskCount == 0 && failureCount == 0) {
        return JobStatus.State.SUCCEEDED;
      }
      return JobStatus.State.FAILED;
    }

    JobStatus status() {
      JobStatus.State state = state();
      List<String> allFailures = new ArrayList<>(failures);
      allFailures.addAll(failedTaskLines);
      return new JobStatus(
          id,
          state,
          attributes,
          finishedCount + outstanding.size() + neverRun,
          finishedCount,
          failedTaskCount,
          counters,
          allFailures,
          failureCount + failedTaskCount,
          differences,
          differenceCount,
          List.copyOf(warnings),
          workers,
          createdAt,
          lastAt,
          cancelReason);
    }
  }
}
