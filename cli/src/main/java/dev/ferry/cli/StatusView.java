package dev.ferry.cli;

import dev.ferry.mover.amqp.JobStatus;
import dev.ferry.mover.report.BoardRenderer;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Renders job states for people: one line per job, or the details of one. */
final class StatusView {
  private static final int MAX_FAILURES_SHOWN = 50;
  private static final int LATEST_ERRORS = 5;

  private StatusView() {}

  static void print(PrintWriter out, List<JobStatus> jobs, boolean detailed, long now) {
    if (jobs.isEmpty()) {
      out.println("no jobs in the ledger");
      return;
    }
    if (detailed) {
      details(out, jobs.get(0), now);
      return;
    }
    out.printf(
        "%-24s %-10s %-9s %13s %10s %10s %7s %s%n",
        "JOB", "STATE", "KIND", "TASKS", "FILES", "BYTES", "FAILED", "WHAT");
    for (JobStatus s : jobs) {
      out.printf(
          "%-24s %-10s %-9s %13s %10d %10s %7d %s%n",
          s.jobId(),
          state(s),
          s.attributes().getOrDefault("kind", "-"),
          s.finishedTasks() + "/" + s.expectedTasks(),
          s.counter("copied") + s.counter("deleted") + s.counter("dirs_updated"),
          bytes(s.counter("bytes")),
          s.failureCount(),
          what(s.attributes()));
    }
  }

  /**
   * The live board of {@code status --watch} on a terminal: a row per job (ended jobs move up), a
   * totals line and the latest failures.
   */
  static BoardRenderer.Snapshot board(List<JobStatus> jobs, long now) {
    List<BoardRenderer.Row> rows = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    long running = 0;
    long bytes = 0;
    long failed = 0;
    for (JobStatus s : jobs) {
      boolean over = s.state().terminal();
      running += over ? 0 : 1;
      bytes += s.counter("bytes");
      failed += s.failureCount();
      long mark = s.finishedTasks() + s.counter("bytes");
      rows.add(new BoardRenderer.Row(s.jobId(), "  " + progress(s, now), "", mark, over));
      if (!over) {
        s.failures().forEach(f -> errors.add(s.jobId() + ": " + f));
      }
    }
    String totals =
        String.format(
            Locale.ROOT,
            "ferry status: %d jobs, %d running, %s copied, %d failures",
            jobs.size(),
            running,
            bytes(bytes),
            failed);
    return new BoardRenderer.Snapshot(
        rows, totals, errors.subList(Math.max(0, errors.size() - LATEST_ERRORS), errors.size()));
  }

  /** One line of progress for {@code --wait}. */
  static String progress(JobStatus s, long now) {
    return String.format(
        Locale.ROOT,
        "%s %s: %d/%d tasks, %d copied, %d deleted, %s, %s/s, %d failed",
        s.jobId(),
        state(s),
        s.finishedTasks(),
        s.expectedTasks(),
        s.counter("copied"),
        s.counter("deleted"),
        bytes(s.counter("bytes")),
        bytes(rate(s, now)),
        s.failureCount());
  }

  private static void details(PrintWriter out, JobStatus s, long now) {
    out.println("job:      " + s.jobId());
    out.println(
        "state:    "
            + state(s)
            + (s.cancelReason().isEmpty() ? "" : " (" + s.cancelReason() + ")"));
    out.println("what:     " + what(s.attributes()));
    if (s.createdAt() > 0) {
      out.println("created:  " + Instant.ofEpochMilli(s.createdAt()));
    }
    out.println(
        "tasks:    " + s.finishedTasks() + " of " + s.expectedTasks() + " known tasks finished");
    for (Map.Entry<String, Long> c : new java.util.TreeMap<>(s.counters()).entrySet()) {
      String v = c.getKey().equals("bytes") ? bytes(c.getValue()) : String.valueOf(c.getValue());
      out.printf("  %-14s %s%n", c.getKey(), v);
    }
    out.println("rate:     " + bytes(rate(s, now)) + "/s");
    out.println("workers:  " + String.join(", ", new TreeSet<>(s.workers())));
    items(out, "failures: ", s.failures(), s.failureCount());
    if (s.differenceCount() > 0) {
      items(out, "would change (dry run): ", s.differences(), s.differenceCount());
    }
    if (!s.warnings().isEmpty()) {
      items(out, "warnings: ", s.warnings(), s.warnings().size());
    }
  }

  /** A heading with the count, then the first lines of the list. */
  private static void items(PrintWriter out, String heading, List<String> lines, long count) {
    out.println(heading + count);
    lines.stream().limit(MAX_FAILURES_SHOWN).forEach(l -> out.println("  " + l));
    if (count > MAX_FAILURES_SHOWN) {
      String more = "  ... and " + (count - MAX_FAILURES_SHOWN) + " more (--json lists ";
      out.println(more + (count > lines.size() ? "the first " + lines.size() + ")" : "all)"));
    }
  }

  private static String state(JobStatus s) {
    return s.state().name().toLowerCase(Locale.ROOT);
  }

  private static String what(Map<String, String> a) {
    String src = a.getOrDefault("source", "?");
    String dst = a.getOrDefault("target", "?");
    return src + " -> " + dst;
  }

  private static long rate(JobStatus s, long now) {
    long end = s.state().terminal() ? s.lastEventAt() : now;
    long millis = Math.max(1, end - s.createdAt());
    return s.createdAt() == 0 ? 0 : s.counter("bytes") * 1000 / millis;
  }

  static String bytes(long n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
