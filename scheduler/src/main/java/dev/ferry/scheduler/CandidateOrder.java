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

  private final PriorityList priorities;

  CandidateOrder(PriorityList priorities) {
    this.priorities = priorities;
  }

  // Keys are computed once per migration, not once per comparison: parsing 10,000 times is cheap,
  // parsing 10,000 x log(10,000) times is not.
  // Written out rather than chained Comparators: a cron run is over before the JIT would inline
  // a chain of lambdas, and sorting thousands of candidates is most of its planning time.
  private record Keyed(Migration migration, int position, CreationTime created)
      implements Comparable<Keyed> {
    @Override
    public int compareTo(Keyed o) {
      int c = Integer.compare(position, o.position);
      if (c == 0) {
        c = created.compareTo(o.created);
      }
      if (c == 0) {
        c = TEXT.compare(migration.migrationId(), o.migration.migrationId());
      }
      if (c == 0) {
        c = TEXT.compare(migration.internalId(), o.migration.internalId());
      }
      return c;
    }
  }

  /** A sorted copy of {@code candidates}. */
  List<Migration> sort(List<Migration> candidates) {
    return candidates.stream()
        .map(
            m ->
                new Keyed(
                    m,
                    priorities.position(m.path()).orElse(Integer.MAX_VALUE),
                    CreationTime.of(m.creationTime())))
        .sorted()
        .map(Keyed::migration)
        .toList();
  }
}
