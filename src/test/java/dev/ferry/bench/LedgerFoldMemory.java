package dev.ferry.bench;

import dev.ferry.mover.amqp.JobLedger;
import dev.ferry.mover.amqp.LedgerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The heap a ledger fold (every worker's, every observer's) needs for one job, per task: a job of
 * {@code TASKS} tasks shaped like a copy (each directory task lists {@code FANOUT} children and
 * leaves a deferred metadata task of 300 bytes, the way a directory with subdirectories does; the
 * rest are leaves), folded entry by entry; the heap after a full GC is read while the deferred
 * tasks wait (the job's peak: everything else done) and after the job is complete. Run with {@code
 * java -cp "src/test/target/test-classes:$(cat src/test/target/test-classpath.txt)"
 * dev.ferry.bench.LedgerFoldMemory [TASKS] [FANOUT]} (see docs/benchmarks.md).
 */
public final class LedgerFoldMemory {
  private LedgerFoldMemory() {}

  public static void main(String[] args) throws InterruptedException {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int fanout = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    String job = "20261126-000000-bench0";
    JobLedger ledger = new JobLedger();
    long base = heapAfterGc();
    String root = id();
    ledger.apply(event(LedgerEvent.Type.CREATED, job, null, List.of(root), null));
    List<String> open = new ArrayList<>(List.of(root));
    List<String> deferred = new ArrayList<>();
    int made = 1;
    for (int next = 0; next < open.size(); next++) {
      List<String> children = new ArrayList<>();
      while (children.size() < fanout && made < tasks) {
        children.add(id());
        made++;
      }
      open.addAll(children);
      LedgerEvent.Deferred finish = null;
      if (!children.isEmpty()) {
        finish = new LedgerEvent.Deferred(id(), 3, new byte[300], List.of());
        deferred.add(finish.id());
      }
      ledger.apply(event(LedgerEvent.Type.DONE, job, open.get(next), children, finish));
    }
    long waiting = heapAfterGc() - base;
    ledger.apply(event(LedgerEvent.Type.RELEASED, job, null, deferred, null));
    for (String d : deferred) {
      ledger.apply(event(LedgerEvent.Type.DONE, job, d, List.of(), null));
    }
    int all = made + deferred.size();
    int waitingTasks = deferred.size();
    open = null; // only the fold stays
    deferred = null;
    long complete = heapAfterGc() - base;
    System.out.printf(
        "job of %,d tasks (%,d listed, %,d deferred), state %s%n",
        all, made, waitingTasks, ledger.state(job).orElseThrow());
    System.out.printf(
        "heap while the deferred tasks wait: %.1f MiB (%d bytes per task)%n",
        waiting / 1048576.0, waiting / all);
    System.out.printf(
        "heap once complete:                 %.1f MiB (%d bytes per task)%n",
        complete / 1048576.0, complete / all);
  }

  private static LedgerEvent event(
      LedgerEvent.Type type, String job, String task, List<String> tasks, LedgerEvent.Deferred d) {
    Map<String, Long> counters = type == LedgerEvent.Type.DONE ? Map.of("copied", 128L) : Map.of();
    return new LedgerEvent(
        type, job, task, tasks, counters, List.of(), List.of(), List.of(), null, Map.of(), d,
        List.of(), "w1", 1);
  }

  /** A task id as ferry derives them: a fresh String, as each entry's JSON gives. */
  private static String id() {
    return UUID.randomUUID().toString();
  }

  private static long heapAfterGc() throws InterruptedException {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return r.totalMemory() - r.freeMemory();
  }
}
