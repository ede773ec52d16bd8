package dev.ferry.scheduler;

/** Another scheduler run holds the run lock; this run did nothing. */
public class LockHeldException extends RuntimeException {
  public LockHeldException(String message) {
    super(message);
  }
}
