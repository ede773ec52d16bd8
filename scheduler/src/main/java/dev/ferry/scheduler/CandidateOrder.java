package dev.ferry.scheduler;

import java.util.Comparator;

/**
 * The order candidates start in: priority-list position (unlisted after every listed path), then
 * creation time ({@link CreationTime}), then {@code migrationId}, then {@code internalId}. Total
 * and null-safe, so ties and missing fields give the same order on every run.
 */
final class CandidateOrder implements Comparator<Migration> {
  private final Comparator<Migration> order;

  CandidateOrder(PriorityList priorities) {
    Comparator<String> text = Comparator.nullsLast(Comparator.naturalOrder());
    this.order =
        Comparator.<Migration>comparingInt(
                m -> priorities.position(m.path()).orElse(Integer.MAX_VALUE))
            .thenComparing(m -> CreationTime.of(m.creationTime()))
            .thenComparing(Migration::migrationId, text)
            .thenComparing(Migration::internalId, text);
  }

  @Override
  public int compare(Migration a, Migration b) {
    return order.compare(a, b);
  }
}
