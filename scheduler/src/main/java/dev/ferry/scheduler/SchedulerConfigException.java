package dev.ferry.scheduler;

/** A setting of the scheduler is invalid, or a file it names cannot be used; nothing was done. */
public class SchedulerConfigException extends IllegalArgumentException {
  public SchedulerConfigException(String message) {
    super(message);
  }

  public SchedulerConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
