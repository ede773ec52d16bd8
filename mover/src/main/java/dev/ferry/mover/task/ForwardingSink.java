package dev.ferry.mover.task;

/**
 * A sink that passes everything on to another; subclasses override what they change (a metered
 * count, a held-back finish task, ...).
 */
public abstract class ForwardingSink implements TaskSink {
  private final TaskSink delegate;

  protected ForwardingSink(TaskSink delegate) {
    this.delegate = delegate;
  }

  @Override
  public void emit(Task child) {
    delegate.emit(child);
  }

  @Override
  public void finish(Task after) {
    delegate.finish(after);
  }

  @Override
  public void count(Counter counter, long delta) {
    delegate.count(counter, delta);
  }

  @Override
  public void fail(RelPath path, String reason) {
    delegate.fail(path, reason);
  }

  @Override
  public void differ(RelPath path, String what) {
    delegate.differ(path, what);
  }

  @Override
  public void working(RelPath path) {
    delegate.working(path);
  }

  @Override
  public void moved(long bytes) {
    delegate.moved(bytes);
  }
}
