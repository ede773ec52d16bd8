package dev.ferry.mover.task;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A sink that keeps everything, for a transport that acts on a task's outcome as a whole. */
public final class CollectingSink implements TaskSink {
  private final List<Task> children = new ArrayList<>();
  private final Map<Counter, Long> counts = new EnumMap<>(Counter.class);
  private final List<ItemReport> failures = new ArrayList<>();
  private final List<ItemReport> differences = new ArrayList<>();
  private Task finish;

  @Override
  public void emit(Task child) {
    children.add(child);
  }

  @Override
  public void finish(Task after) {
    finish = after;
  }

  @Override
  public void count(Counter counter, long delta) {
    counts.merge(counter, delta, Long::sum);
  }

  @Override
  public void fail(RelPath path, String reason) {
    failures.add(new ItemReport(path, reason));
    count(Counter.FAILED, 1);
  }

  @Override
  public void differ(RelPath path, String what) {
    differences.add(new ItemReport(path, what));
    count(Counter.DIFFERENT, 1);
  }

  public TaskOutcome outcome() {
    return new TaskOutcome(children, finish, counts, failures, differences);
  }
}
