package dev.ferry.mover.amqp;

import java.util.List;
import java.util.Map;

/**
 * What a handler made of one task.
 *
 * @param children the bodies of the tasks it spawned, published before the task is acknowledged
 * @param counters what it did (e.g. files, bytes), summed per job in the ledger
 * @param failures items it could not handle, each a line that names the item (its path)
 */
public record TaskResult(List<byte[]> children, Map<String, Long> counters, List<String> failures) {
  public TaskResult {
    children = List.copyOf(children);
    counters = Map.copyOf(counters);
    failures = List.copyOf(failures);
  }

  public static TaskResult of(List<byte[]> children) {
    return new TaskResult(children, Map.of(), List.of());
  }
}
