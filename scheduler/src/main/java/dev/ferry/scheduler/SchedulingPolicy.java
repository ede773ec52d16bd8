package dev.ferry.scheduler;

import java.util.ArrayList;
import java.util.List;

/** Decides which migrations to start; pure, no I/O. */
public final class SchedulingPolicy {
  private final int howmany;
  private final PriorityList priorities;

  public SchedulingPolicy(int howmany, PriorityList priorities) {
    if (howmany < 1) {
      throw new IllegalArgumentException("howmany must be positive");
    }
    this.howmany = howmany;
    this.priorities = priorities;
  }

  /** Classifies every migration and picks the ones to start. */
  public Plan plan(List<Migration> migrations) {
    List<Migration> occupied = new ArrayList<>();
    List<Migration> queued = new ArrayList<>();
    List<Migration> other = new ArrayList<>();
    int liveOrCompleted = 0;
    for (Migration m : migrations) {
      switch (SlotUse.of(m.state())) {
        case OCCUPIED -> occupied.add(m);
        case LIVE_OR_COMPLETED -> liveOrCompleted++;
        // A candidate with no id at all cannot be started: report it, do not count a slot for it.
        case CANDIDATE -> (m.startId().isPresent() ? queued : other).add(m);
        case OTHER -> other.add(m);
      }
    }
    List<Migration> ordered = new CandidateOrder(priorities).sort(queued);
    int free = Math.max(0, howmany - occupied.size());
    List<Migration> toStart = ordered.subList(0, Math.min(free, ordered.size()));
    return new Plan(occupied, liveOrCompleted, ordered, other, toStart);
  }
}
