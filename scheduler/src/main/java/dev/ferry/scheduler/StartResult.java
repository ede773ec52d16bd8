package dev.ferry.scheduler;

/**
 * The answer to one start request.
 *
 * @param migration what was started
 * @param status the HTTP status, or 0 when no answer came (timeout, connection failure)
 * @param message why it failed, from LDM's {@code message} when it sent one; null on success
 */
public record StartResult(Migration migration, int status, String message) {
  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
