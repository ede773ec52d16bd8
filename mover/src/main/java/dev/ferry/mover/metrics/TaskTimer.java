package dev.ferry.mover.metrics;

/**
 * One task in flight: counted in {@code ferry_tasks_in_flight} from {@link MoverMetrics#startTask}
 * until {@link #close}, which records its duration and result. A task closed without a result
 * counts as {@code error}: an exception escaped the handler.
 */
public final class TaskTimer implements AutoCloseable {
  private final MoverMetrics metrics;
  private final String type;
  private final long startNanos;
  private String result = "error";
  private boolean closed;

  TaskTimer(MoverMetrics metrics, String type, long startNanos) {
    this.metrics = metrics;
    this.type = type;
    this.startNanos = startNanos;
    metrics.inFlight().incrementAndGet();
  }

  /** The task's outcome: {@code ok}, or {@code error} (the default) when it threw. */
  public TaskTimer result(String result) {
    this.result = result;
    return this;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    metrics.inFlight().decrementAndGet();
    metrics.taskEnded(type, result, System.nanoTime() - startNanos);
  }
}
