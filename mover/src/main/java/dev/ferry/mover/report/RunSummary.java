package dev.ferry.mover.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.ItemReport;
import dev.ferry.mover.task.JsonTree;
import dev.ferry.mover.task.Pass;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result of one run: counters, the failures and differences kept, how long it took. */
public record RunSummary(
    String command,
    List<Pass> passes,
    boolean dryRun,
    Duration elapsed,
    Map<Counter, Long> counts,
    List<ItemReport> failures,
    List<ItemReport> differences) {

  public long count(Counter c) {
    return counts.getOrDefault(c, 0L);
  }

  /** Whether everything was done and, for verify, nothing differs. False means exit status 1. */
  public boolean clean() {
    boolean verifying = passes.contains(Pass.VERIFY);
    return count(Counter.FAILED) == 0 && !(verifying && count(Counter.DIFFERENT) > 0);
  }

  /** One line for people. */
  public String text() {
    double secs = Math.max(elapsed.toMillis(), 1) / 1000.0;
    long bytes = count(Counter.BYTES);
    StringBuilder sb = new StringBuilder("ferry ").append(command);
    sb.append(dryRun ? " (dry run)" : "").append(": ");
    sb.append(
        clean()
            ? "done"
            : passes.contains(Pass.VERIFY) ? "differences found" : "finished with failures");
    sb.append(String.format(Locale.ROOT, " in %.1fs: ", secs));
    sb.append(count(Counter.SCANNED)).append(" scanned");
    for (Counter c :
        List.of(
            Counter.COPIED,
            Counter.LINKED,
            Counter.SKIPPED,
            Counter.EXCLUDED,
            Counter.DIRS_CREATED,
            Counter.DIRS_UPDATED,
            Counter.DELETED,
            Counter.STALE_TEMP_FILES_REMOVED,
            Counter.DIFFERENT,
            Counter.FAILED)) {
      boolean always = c == Counter.FAILED || (c == Counter.COPIED && passes.contains(Pass.COPY));
      if (count(c) > 0 || always) {
        sb.append(", ").append(count(c)).append(' ').append(label(c));
      }
    }
    sb.append(", ")
        .append(Units.bytes(bytes))
        .append(" (")
        .append(Units.rate(bytes / secs))
        .append(')');
    return sb.toString();
  }

  /** The summary as a JSON document. */
  public String json() {
    ObjectNode n = JsonTree.object();
    n.put("command", command);
    ArrayNode p = n.putArray("passes");
    passes.forEach(x -> p.add(x.name().toLowerCase(Locale.ROOT)));
    n.put("dryRun", dryRun);
    n.put("clean", clean());
    n.put("elapsedSeconds", elapsed.toMillis() / 1000.0);
    ObjectNode c = n.putObject("counts");
    for (Counter k : Counter.values()) {
      c.put(key(k), count(k));
    }
    reports(n.putArray("failures"), failures, "reason");
    reports(n.putArray("differences"), differences, "difference");
    n.put(
        "truncated",
        failures.size() < count(Counter.FAILED) || differences.size() < count(Counter.DIFFERENT));
    return new String(JsonTree.write(n), StandardCharsets.UTF_8);
  }

  private static void reports(ArrayNode a, List<ItemReport> items, String field) {
    for (ItemReport r : items) {
      a.addObject().put("path", r.path().display()).put(field, r.message());
    }
  }

  static String label(Counter c) {
    return c.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** camelCase JSON key of a counter: {@code DIRS_CREATED} is {@code dirsCreated}. */
  static String key(Counter c) {
    String[] parts = c.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder sb = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return sb.toString();
  }
}
