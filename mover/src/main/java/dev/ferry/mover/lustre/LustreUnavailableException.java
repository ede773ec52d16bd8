package dev.ferry.mover.lustre;

/**
 * A job demands Lustre on its target and this node cannot provide it (liblustreapi does not load).
 * A refusal of this node only: the task goes back to the queue for another worker.
 */
public final class LustreUnavailableException extends IllegalStateException {
  public LustreUnavailableException(String message) {
    super(message);
  }
}
