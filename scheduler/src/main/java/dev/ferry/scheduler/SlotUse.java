package dev.ferry.scheduler;

import java.util.Set;

/** What a migration's state means for scheduling. */
public enum SlotUse {
  /** RUNNING, SCHEDULED or STARTING: takes one of the {@code howmany} slots. */
  OCCUPIED,
  /** NONSCHEDULED: may be started. */
  CANDIDATE,
  /** LIVE or COMPLETED: done scanning; counted, takes no slot. */
  LIVE_OR_COMPLETED,
  /** Any other state (STOPPED, PAUSED, ABORTED, unknown, missing): reported, never started. */
  OTHER;

  private static final Set<String> OCCUPYING = Set.of("RUNNING", "SCHEDULED", "STARTING");
  private static final Set<String> DONE = Set.of("LIVE", "COMPLETED");

  /** Classifies a state exactly as LDM spells it; anything unknown is {@link #OTHER}. */
  public static SlotUse of(String state) {
    if (state == null) {
      return OTHER;
    }
    if (OCCUPYING.contains(state)) {
      return OCCUPIED;
    }
    if (state.equals("NONSCHEDULED")) {
      return CANDIDATE;
    }
    return DONE.contains(state) ? LIVE_OR_COMPLETED : OTHER;
  }
}
