package dev.ferry.mover.amqp;

import dev.ferry.mover.metrics.MoverMetrics;
import java.util.List;

/** Counts a worker's redelivered and given-up tasks in {@link MoverMetrics}; delegates the rest. */
public final class MeteredTaskProcessor implements TaskProcessor {
  private final TaskProcessor delegate;
  private final MoverMetrics metrics;

  public MeteredTaskProcessor(TaskProcessor delegate, MoverMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  @Override
  public TaskResult process(TaskMessage task) throws Exception {
    return delegate.process(task);
  }

  @Override
  public List<String> describe(byte[] body) {
    return delegate.describe(body);
  }

  @Override
  public void redelivered() {
    metrics.redelivered();
    delegate.redelivered();
  }

  @Override
  public void givenUp() {
    metrics.deadLettered();
    delegate.givenUp();
  }
}
