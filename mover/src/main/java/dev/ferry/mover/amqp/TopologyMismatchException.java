package dev.ferry.mover.amqp;

/** The broker refused the declaration of ferry's queues, typically because of other arguments. */
public final class TopologyMismatchException extends RuntimeException {
  public TopologyMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
