package dev.ferry.mover.task;

/** The passes of a migration; a task belongs to exactly one. */
public enum Pass {
  /** Copy what is new or changed from source to target. */
  COPY,
  /** Remove from the target what is definitely absent from the source. */
  DELETE,
  /** Set directory times on the target from the source, deepest first. */
  DIRTIMES,
  /** Compare source and target contents; change nothing. */
  VERIFY
}
