package dev.ferry.scheduler;

/** How a scheduler invocation ended, when it did not throw. */
public enum Outcome {
  /** Every start that was attempted succeeded (or nothing needed starting). */
  DONE,
  /** At least one start failed; each failure was reported. */
  SOME_FAILED
}
