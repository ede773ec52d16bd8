package dev.ferry.mover.amqp;

/** The broker could not be reached, or kept refusing, for longer than the configured patience. */
public final class BrokerUnavailableException extends RuntimeException {
  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public BrokerUnavailableException(String message) {
    super(message);
  }
}
