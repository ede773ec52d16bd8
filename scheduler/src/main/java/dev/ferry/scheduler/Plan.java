package dev.ferry.scheduler;

import java.util.List;

/**
 * What one run found and decided.
 *
 * @param occupied migrations taking a slot (RUNNING, SCHEDULED, STARTING)
 * @param liveOrCompleted how many are LIVE or COMPLETED
 * @param queued the candidates (NONSCHEDULED), in start order
 * @param other migrations in any other state; never started
 * @param toStart the first {@code min(howmany - occupied, queued)} candidates
 */
public record Plan(
    List<Migration> occupied,
    int liveOrCompleted,
    List<Migration> queued,
    List<Migration> other,
    List<Migration> toStart) {

  public Plan {
    occupied = List.copyOf(occupied);
    queued = List.copyOf(queued);
    other = List.copyOf(other);
    toStart = List.copyOf(toStart);
  }
}
