package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.amqp.JobStatus.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fold is exact whatever the duplicates and the order of entries. */
class JobLedgerTest {
  private static final TaskResult COPIED_ONE =
      new TaskResult(List.of(), Map.of("files", 1L, "bytes", 10L), List.of());

  private static LedgerEvent created(String... roots) {
    return LedgerEvent.created("j", List.of(roots), Map.of("kind", "copy"), List.of(), "client", 1);
  }

  private static LedgerEvent done(String task, String... children) {
    return LedgerEvent.done("j", task, List.of(children), COPIED_ONE, "w1", 2);
  }

  private static State state(JobLedger l) {
    return l.status("j").orElseThrow().state();
  }

  @Test
  void completeOnlyWhenEverySpawnedTaskFinished() {
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    assertEquals(State.RUNNING, state(l));
    l.apply(done("r", "a", "b"));
    assertEquals(State.RUNNING, state(l));
    l.apply(done("a", "c"));
    l.apply(done("b"));
    assertEquals(State.RUNNING, state(l), "c is still outstanding");
    l.apply(done("c"));
    JobStatus s = l.status("j").orElseThrow();
    assertEquals(State.SUCCEEDED, s.state());
    assertEquals(4, s.expectedTasks());
    assertEquals(4, s.finishedTasks());
    assertEquals(4, s.counter("files"));
  }

  @Test
  void aCompleteJobForgetsItsTasksAndKeepsItsStatus() {
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    byte[] meta = {'{', '}'};
    TaskResult rootListed =
        new TaskResult(List.of(), new TaskResult.Finish(meta, 0), Map.of("files", 1L), List.of());
    l.apply(LedgerEvent.done("j", "r", List.of("a", "b"), rootListed, "w1", 2));
    l.apply(done("stray")); // never part of the job: waits aside until the job is over
    l.apply(LedgerEvent.failed("j", "b", List.of("/s b"), "delivery_limit", "w2", 3));
    l.apply(done("a"));
    assertTrue(l.tasksHeld("j") > 0);
    l.apply(done(TaskMessage.deferredBy("j", "r", meta).taskId())); // the root's metadata
    JobStatus end = l.status("j").orElseThrow();

    assertEquals(State.FAILED, end.state());
    assertEquals(0, l.tasksHeld("j"), "the complete job still holds task state");
    assertEquals(4, end.expectedTasks());
    assertEquals(4, end.finishedTasks());
    assertEquals(1, end.failedTasks());
    assertEquals(List.of("/s b: delivery_limit"), end.failures());
    assertEquals(3, end.counter("files"));
    for (LedgerEvent late :
        List.of(created("r"), done("r", "x"), done("a"), done("x"), done("stray"))) {
      l.apply(late);
    }
    assertEquals(end, l.status("j").orElseThrow(), "a late entry changed a complete job");
    assertEquals(0, l.tasksHeld("j"));
    assertTrue(l.isOver("j"));
  }

  /**
   * A cancelled job never completes; its running tasks still count for an hour of ledger time, then
   * it is frozen like a complete one, whichever job's entry (or a marker) brings that time.
   */
  @Test
  void aCancelledJobCountsItsRunningTasksThenForgetsItsTasksAnHourLater() {
    JobLedger l = new JobLedger();
    long hour = JobLedger.CANCELLED_HELD.toMillis();
    l.apply(created("r"));
    l.apply(LedgerEvent.done("j", "r", List.of("a", "b", "c"), COPIED_ONE, "w1", 2));
    l.apply(LedgerEvent.cancelled("j", "wrong target", "admin", 1_000));
    l.apply(LedgerEvent.done("j", "a", List.of("a1"), COPIED_ONE, "w1", 1_000 + hour - 1));
    JobStatus held = l.status("j").orElseThrow();
    assertEquals(State.CANCELLED, held.state());
    assertEquals(5, held.expectedTasks());
    assertEquals(2, held.finishedTasks());
    assertEquals(2, held.counter("files"), "a task running at the cancellation counts");
    assertTrue(l.tasksHeld("j") > 0);

    l.apply(LedgerEvent.marker("m", "status", 1_000 + hour));
    assertEquals(0, l.tasksHeld("j"), "the cancelled job still holds task state an hour on");
    assertEquals(held, l.status("j").orElseThrow(), "freezing changed the status");
    l.apply(done("b"));
    l.apply(LedgerEvent.cancelled("j", "again", "admin", 1_000 + 2 * hour));
    assertEquals(held.counters(), l.status("j").orElseThrow().counters());
    assertEquals(0, l.tasksHeld("j"));
    assertTrue(l.isOver("j"));
  }

  @Test
  void aCancelledJobWhoseTasksAllEndedIsCompactedAtOnce() {
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    l.apply(LedgerEvent.cancelled("j", "by admin", "admin", 1_000));
    l.apply(done("r"));
    assertEquals(0, l.tasksHeld("j"));
    assertEquals(State.CANCELLED, state(l));
  }

  @Test
  void aJobKeepsItsFirstLinesCountsThemAllAndTellsEachOnce() {
    List<String> told = new ArrayList<>();
    JobLedger l =
        new JobLedger(
            (job, line, difference) -> told.add(job + (difference ? " d " : " f ") + line));
    int n = JobLedger.KEPT_LINES + 5;
    List<String> failed = new ArrayList<>();
    List<String> would = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      failed.add("/s f" + i + ": Permission denied");
      would.add("would copy: f" + i);
    }
    LedgerEvent root =
        LedgerEvent.done(
            "j",
            "r",
            List.of(),
            new TaskResult(List.of(), null, Map.of(), failed, would, null),
            "w1",
            2);
    l.apply(created("r"));
    l.apply(root);
    l.apply(root); // a duplicate: neither counted nor told again

    JobStatus s = l.status("j").orElseThrow();
    assertEquals(State.FAILED, s.state());
    assertEquals(n, s.failureCount());
    assertEquals(n, s.differenceCount());
    assertEquals(failed.subList(0, JobLedger.KEPT_LINES), s.failures());
    assertEquals(would.subList(0, JobLedger.KEPT_LINES), s.differences());
    assertEquals(2 * n, told.size());
    assertEquals("j f /s f0: Permission denied", told.get(0));
    assertEquals("j d would copy: f" + (n - 1), told.get(2 * n - 1));
  }

  private static LedgerEvent warned(String task, String worker, String... warnings) {
    return LedgerEvent.done(
        "j",
        task,
        List.of(),
        new TaskResult(List.of(), null, Map.of(), List.of(), List.of(), List.of(warnings), null),
        worker,
        2);
  }

  /** Workers' warnings are shown once per worker and text, do not fail the job, and are told. */
  @Test
  void warningsAreKeptOncePerWorkerAndTellTheWaitingClient() {
    List<String> told = new ArrayList<>();
    JobLedger l = new JobLedger((job, line, difference) -> told.add(line));
    String noPool = "pool 'archive' does not exist on the target filesystem";
    l.apply(created("r", "a", "b", "c"));
    l.apply(warned("r", "w1", noPool));
    l.apply(warned("r", "w1", noPool)); // a duplicate entry
    l.apply(warned("a", "w1", noPool)); // the same warning again: another job's handler, say
    l.apply(warned("b", "w2", noPool, "liblustreapi not loaded"));
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < JobLedger.KEPT_WARNINGS; i++) {
      extra.add("warning " + i);
    }
    l.apply(warned("c", "w3", extra.toArray(String[]::new)));

    JobStatus s = l.status("j").orElseThrow();
    assertEquals(State.SUCCEEDED, s.state());
    assertEquals(JobLedger.KEPT_WARNINGS, s.warnings().size());
    assertEquals(
        List.of(
            "warning: w1: " + noPool,
            "warning: w2: " + noPool,
            "warning: w2: liblustreapi not loaded",
            "warning: w3: warning 0"),
        s.warnings().subList(0, 4));
    assertEquals(s.warnings(), told);
  }

  @Test
  void duplicatesOfEveryEntryChangeNothing() {
    JobLedger l = new JobLedger();
    List<LedgerEvent> events = List.of(created("r"), done("r", "a", "b"), done("a"), done("b"));
    for (LedgerEvent e : events) {
      l.apply(e);
      l.apply(e);
    }
    events.forEach(l::apply); // a whole replay after a reconnection
    JobStatus s = l.status("j").orElseThrow();
    assertEquals(State.SUCCEEDED, s.state());
    assertEquals(3, s.finishedTasks());
    assertEquals(3, s.counter("files"), "a duplicated DONE must not count its work twice");
  }

  @Test
  void childrenFinishingBeforeTheirParentIsReportedDoNotCompleteTheJob() {
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    l.apply(done("a")); // a child's entry can overtake its parent's
    assertEquals(State.RUNNING, state(l));
    l.apply(done("r", "a", "b"));
    assertEquals(State.RUNNING, state(l), "b has not finished");
    l.apply(done("b"));
    assertEquals(State.SUCCEEDED, state(l));
  }

  @Test
  void aJobIsNeverCompleteBeforeItsCreationIsSeen() {
    JobLedger l = new JobLedger();
    l.apply(done("r"));
    assertEquals(State.UNKNOWN, state(l));
    l.apply(created("r"));
    assertEquals(State.SUCCEEDED, state(l));
  }

  @Test
  void deadLetteredTasksFinishTheJobAsFailedWithTheirPaths() {
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    l.apply(done("r", "a"));
    l.apply(LedgerEvent.failed("j", "a", List.of("/src/x", "/src/y"), "delivery_limit", "w", 3));
    l.apply(LedgerEvent.failed("j", "a", List.of("/src/x"), "again", "w", 4));
    JobStatus s = l.status("j").orElseThrow();
    assertEquals(State.FAILED, s.state());
    assertEquals(1, s.failedTasks());
    assertEquals(List.of("/src/x, /src/y: delivery_limit"), s.failures());
  }

  @Test
  void itemFailuresInsideATaskMakeTheJobFailed() {
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    l.apply(
        LedgerEvent.done(
            "j",
            "r",
            List.of(),
            new TaskResult(List.of(), Map.of(), List.of("/src/z: Permission denied")),
            "w",
            2));
    JobStatus s = l.status("j").orElseThrow();
    assertEquals(State.FAILED, s.state());
    assertEquals(List.of("/src/z: Permission denied"), s.failures());
  }

  @Test
  void cancellationIsTerminalAndVisibleToWorkers() {
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    l.apply(LedgerEvent.cancelled("j", "by admin", "cli", 5));
    assertTrue(l.isCancelled("j"));
    assertEquals(State.CANCELLED, state(l));
    assertTrue(State.CANCELLED.terminal());
  }

  @Test
  void anyOrderWithAnyDuplicatesEndsInTheSameState() {
    List<LedgerEvent> tree = new ArrayList<>();
    tree.add(created("r"));
    tree.add(done("r", "a", "b", "c"));
    tree.add(done("a", "a1", "a2"));
    tree.add(done("b"));
    tree.add(done("c"));
    tree.add(done("a1"));
    tree.add(done("a2"));
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<LedgerEvent> shuffled = new ArrayList<>(tree);
      for (int d = 0; d < 5; d++) {
        shuffled.add(tree.get(random.nextInt(tree.size())));
      }
      Collections.shuffle(shuffled, random);
      JobLedger l = new JobLedger();
      int lastIncomplete = -1;
      for (int i = 0; i < shuffled.size(); i++) {
        l.apply(shuffled.get(i));
        if (state(l) != State.SUCCEEDED) {
          lastIncomplete = i;
        }
      }
      JobStatus s = l.status("j").orElseThrow();
      assertEquals(State.SUCCEEDED, s.state());
      assertEquals(6, s.finishedTasks());
      assertEquals(6, s.counter("files"));
      // Never complete before the last distinct entry arrived.
      int lastDistinct = -1;
      for (LedgerEvent e : tree) {
        lastDistinct = Math.max(lastDistinct, shuffled.indexOf(e));
      }
      assertEquals(lastDistinct - 1, lastIncomplete);
    }
  }

  @Test
  void strayTasksOfACrashedRunNeitherHoldTheJobOpenNorCount() {
    // r's first run published x and y, then died before its entry; the rerun listed only a.
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    l.apply(done("x"));
    l.apply(done("y", "z")); // z never runs: nothing may wait for it
    l.apply(done("r", "a"));
    assertEquals(State.RUNNING, state(l));
    assertFalse(l.isOver("j"));
    l.apply(done("a"));
    JobStatus s = l.status("j").orElseThrow();
    assertEquals(State.SUCCEEDED, s.state());
    assertTrue(l.isOver("j"));
    assertEquals(2, s.finishedTasks());
    assertEquals(2, s.counter("files"), "the strays' work is not the job's");
  }

  @Test
  void aRerunOfAFinishedTaskListingOtherChildrenLeavesTheJobComplete() {
    // The worker died after r's entry but before its acknowledgement; the source changed.
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    l.apply(done("r", "a"));
    l.apply(done("a"));
    assertTrue(l.isOver("j"));
    l.apply(done("r", "b"));
    l.apply(LedgerEvent.failed("j", "r", List.of("/src/r"), "rerun", "w", 3));
    assertEquals(State.SUCCEEDED, state(l));
    assertTrue(l.isOver("j"), "complete stays complete: a worker may skip b");
  }

  @Test
  void entriesOfADeepTreeArrivingLeavesFirstSettleWithoutRecursion() {
    JobLedger l = new JobLedger();
    int depth = 200_000;
    for (int i = depth; i > 0; i--) {
      l.apply(i == depth ? done("t" + i) : done("t" + i, "t" + (i + 1)));
    }
    l.apply(done("r", "t1"));
    l.apply(created("r"));
    JobStatus s = l.status("j").orElseThrow();
    assertEquals(State.SUCCEEDED, s.state());
    assertEquals(depth + 1, s.finishedTasks());
  }

  @Test
  void onlyCancelledOrCompleteJobsAreOver() {
    JobLedger l = new JobLedger();
    assertFalse(l.isOver("j"), "unknown");
    l.apply(done("r"));
    assertFalse(l.isOver("j"), "not created yet");
    l.apply(created("r", "s"));
    assertFalse(l.isOver("j"), "s is outstanding");
    l.apply(LedgerEvent.cancelled("j", "stop", "cli", 5));
    assertTrue(l.isOver("j"));
  }

  private static LedgerEvent doneDeferring(String task, int depth, String... children) {
    TaskResult r =
        new TaskResult(
            java.util.Arrays.stream(children).map(String::getBytes).toList(),
            new TaskResult.Finish(("meta-" + task).getBytes(), depth),
            Map.of(),
            List.of());
    return LedgerEvent.done("j", task, List.of(children), r, "w", 2);
  }

  @Test
  void deferredTasksAreReleasedDeepestFirstAndOnlyWhenEverythingElseIsDone() {
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    l.apply(doneDeferring("r", 0, "a", "b"));
    l.apply(doneDeferring("a", 1, "c"));
    assertEquals(List.of(), l.readyWave("j"), "b and c are still running");
    l.apply(done("b"));
    l.apply(doneDeferring("c", 2));
    List<LedgerEvent.Deferred> first = l.readyWave("j");
    assertEquals(1, first.size());
    assertEquals(2, first.get(0).depth());
    assertEquals("meta-c", new String(first.get(0).body()));
    assertEquals(State.RUNNING, state(l), "deferred tasks are work that remains");

    l.apply(LedgerEvent.released("j", List.of(first.get(0).id()), "w", 3));
    assertEquals(List.of(), l.readyWave("j"), "the released wave is running");
    l.apply(LedgerEvent.done("j", first.get(0).id(), List.of(), COPIED_ONE, "w", 4));
    List<LedgerEvent.Deferred> second = l.readyWave("j");
    assertEquals(List.of(1), second.stream().map(LedgerEvent.Deferred::depth).toList());
    l.apply(LedgerEvent.released("j", List.of(second.get(0).id()), "w", 5));
    l.apply(LedgerEvent.done("j", second.get(0).id(), List.of(), COPIED_ONE, "w", 6));
    List<LedgerEvent.Deferred> third = l.readyWave("j");
    assertEquals(List.of(0), third.stream().map(LedgerEvent.Deferred::depth).toList());
    l.apply(LedgerEvent.done("j", third.get(0).id(), List.of(), COPIED_ONE, "w", 7));
    assertEquals(State.SUCCEEDED, state(l));
    assertEquals(7, l.status("j").orElseThrow().finishedTasks());
  }

  /** A split task: its children are a file's chunks, its deferred task the file's commit. */
  private static LedgerEvent split(String task, String... chunks) {
    TaskResult r =
        new TaskResult(
            List.of(),
            new TaskResult.Finish(("commit-" + task).getBytes(), 3, true),
            Map.of(),
            List.of());
    return LedgerEvent.done("j", task, List.of(chunks), r, "w", 2);
  }

  private static LedgerEvent doneWithFailure(String task) {
    TaskResult r = new TaskResult(List.of(), Map.of(), List.of("/src big: chunk 1 of 2: EIO"));
    return LedgerEvent.done("j", task, List.of(), r, "w", 2);
  }

  @Test
  void aCommitIsDueOnceItsChunksAreDoneWithoutWaitingForTheRestOfTheJob() {
    JobLedger l = new JobLedger();
    l.apply(created("r"));
    l.apply(doneDeferring("r", 0, "s", "other"));
    l.apply(split("s", "c1", "c2"));
    assertTrue(l.dueAfter("j").isEmpty(), "no chunk is done");
    l.apply(done("c2"));
    l.apply(done("c2"));
    assertTrue(l.dueAfter("j").isEmpty(), "c1 is still running");
    l.apply(done("c1"));
    JobLedger.Due due = l.dueAfter("j");
    assertEquals(1, due.release().size());
    assertEquals(List.of(), due.abandon());
    LedgerEvent.Deferred commit = due.release().get(0);
    assertEquals("commit-s", new String(commit.body()));
    assertEquals(List.of("c1", "c2"), commit.after());
    assertEquals(List.of(), l.readyWave("j"), "other is still running");

    l.apply(LedgerEvent.released("j", List.of(commit.id()), "w", 3));
    assertTrue(l.dueAfter("j").isEmpty(), "released already");
    l.apply(split("s", "c1", "c2")); // a duplicate of the split's entry
    assertTrue(l.dueAfter("j").isEmpty(), "released already, whatever the duplicates");
    l.apply(done("other"));
    assertEquals(List.of(), l.readyWave("j"), "the directory waits for the running commit");
    assertEquals(State.RUNNING, state(l));
    l.apply(LedgerEvent.done("j", commit.id(), List.of(), COPIED_ONE, "w", 4));
    assertEquals(1, l.readyWave("j").size(), "now the directory's own wave");
  }

  @Test
  void aCommitAfterAFailedChunkIsNeverDueForReleaseAndNeverInAWave() {
    for (LedgerEvent failure :
        List.of(
            doneWithFailure("c2"),
            LedgerEvent.failed("j", "c2", List.of("/src big"), "delivery_limit", "w", 2))) {
      JobLedger l = new JobLedger();
      l.apply(created("r"));
      l.apply(done("r", "s"));
      l.apply(split("s", "c1", "c2"));
      l.apply(done("c1"));
      assertEquals(List.of(), l.readyWave("j"), "a commit is never part of a wave");
      l.apply(failure);
      l.apply(done("c2")); // a later duplicate that succeeded does not undo the first entry
      JobLedger.Due due = l.dueAfter("j");
      assertEquals(List.of(), due.release());
      assertEquals(1, due.abandon().size());
      assertEquals(List.of(), l.readyWave("j"));
      String commit = due.abandon().get(0).id();
      l.apply(LedgerEvent.failed("j", commit, List.of("/src big"), "not committed", "w", 3));
      assertEquals(State.FAILED, state(l));
      assertTrue(l.dueAfter("j").isEmpty());
    }
  }

  @Test
  void theTasksACommitWaitsForSurviveTheJsonForm() throws Exception {
    LedgerEvent e = LedgerEvent.fromJson(split("s", "c1", "c2").toJson());
    assertEquals(List.of("c1", "c2"), e.finish().after());
    assertEquals("commit-s", new String(e.finish().body()));
    LedgerEvent plain = LedgerEvent.fromJson(doneDeferring("r", 0, "a").toJson());
    assertEquals(List.of(), plain.finish().after());
    assertTrue(!new String(doneDeferring("r", 0, "a").toJson()).contains("after"));
  }

  @Test
  void entriesSurviveTheirJsonForm() throws Exception {
    LedgerEvent e = done("r", "a", "b");
    assertEquals(e, LedgerEvent.fromJson(e.toJson()));
  }

  @Test
  void aWaiterDoesNotMissAnEntryFoldedBetweenItsLookAndItsWait() {
    JobLedger l = new JobLedger();
    long seen = l.changes();
    assertFalse(l.status("j").isPresent());
    l.apply(created("r")); // the entry the waiter has not looked at yet
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> l.awaitChange(seen, 600_000));
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          long now = l.changes();
          Thread later = new Thread(() -> l.apply(done("r")));
          later.start();
          l.awaitChange(now, 600_000); // woken by the entry, not by the timeout
          later.join();
        });
    assertEquals(State.SUCCEEDED, state(l));
  }
}
