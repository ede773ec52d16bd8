package dev.ferry.scheduler;

import java.util.Comparator;
import java.util.List;

/**
 * The order candidates start in: priority-list position (unlisted after every listed path), then
 * creation time ({@link CreationTime}), then {@code migrationId}, then {@code internalId}. Total
 * and null-safe, so ties and missing fields give the same order on every run.
 */
final class CandidateOrder {
  private static final Comparator<String> TEXT = Comparator.nullsLast(Comparator.naturalOrder());
  private static final Comparator<Keyed> ORDER =
      Comparator.comparingInt(Keyed::position)
          .thenComparing(Keyed::created)
          .thenComparing(k -> k.migration().migrationId(), TEXT)
          .thenComparing(k -> k.migration().internalId(), TEXT);

  private final PriorityList priorities;

  CandidateOrder(PriorityList priorities) {
    this.priorities = priorities;
  }

  // Keys are computed once per migration, not once per comparison: parsing 10,000 times is cheap,
  // parsing 10,000 x log(10,000) times is not.
  private record Keyed(Migration migration, int position, CreationTime created) {}

  /** A sorted copy of {@code candidates}. */
  List<Migration> sort(List<Migration> candidates) {
    return candidates.stream()
        .map(
            m ->
                new Keyed(
                    m,
                    priorities.position(m.path()).orElse(Integer.MAX_VALUE),
                    CreationTime.of(m.creationTime())))
        .sorted(ORDER)
        .map(Keyed::migration)
        .toList();
  }
}
