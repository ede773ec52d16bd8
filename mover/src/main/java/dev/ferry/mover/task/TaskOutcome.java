package dev.ferry.mover.task;

import java.util.List;
import java.util.Map;

/**
 * Everything one task produced: child tasks, the optional finish task, counter deltas, and the
 * failed and differing items.
 */
public record TaskOutcome(
    List<Task> children,
    Task finish,
    Map<Counter, Long> counts,
    List<ItemReport> failures,
    List<ItemReport> differences) {
  public TaskOutcome {
    children = List.copyOf(children);
    counts = Map.copyOf(counts);
    failures = List.copyOf(failures);
    differences = List.copyOf(differences);
  }

  public long count(Counter c) {
    return counts.getOrDefault(c, 0L);
  }
}
