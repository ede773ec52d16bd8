package dev.ferry.mover.amqp;

import dev.ferry.mover.metrics.MoverMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts a worker's redelivered and given-up tasks in {@link MoverMetrics}; delegates the rest,
 * every method of {@link TaskProcessor} (a default left in place would silently do nothing: the
 * worker's flush of the target was lost that way).
 */
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
  public TaskResult processAgain(TaskMessage task) throws Exception {
    return delegate.processAgain(task);
  }

  @Override
  public void flush(Path root) throws IOException {
    delegate.flush(root);
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
