package dev.ferry.mover.amqp;

/** A task that cannot succeed on any worker or any retry; it is dead-lettered at once. */
public class PermanentTaskException extends Exception {
  public PermanentTaskException(String message, Throwable cause) {
    super(message, cause);
  }

  public PermanentTaskException(String message) {
    super(message);
  }
}
