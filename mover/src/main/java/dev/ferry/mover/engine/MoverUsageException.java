package dev.ferry.mover.engine;

/** Bad input for a pass (roots, options); nothing was created, changed or deleted. */
public final class MoverUsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MoverUsageException(String message) {
    super(message);
  }
}
