package dev.ferry.scheduler;

import java.util.List;

/**
 * The summary of one run, printed as text or as one JSON object.
 *
 * @param time when the run listed the migrations (ISO-8601, UTC)
 * @param endpoint the LDM base URL
 * @param howmany the slot limit
 * @param dryRun true when nothing was started on purpose
 * @param occupied how many migrations take a slot
 * @param liveOrCompleted how many are LIVE or COMPLETED
 * @param queued how many are NONSCHEDULED candidates
 * @param occupying the migrations taking a slot
 * @param other migrations in any other state, never started
 * @param started migrations started by this run
 * @param wouldStart in a dry run, the migrations a real run would start
 * @param failed starts that LDM refused or that got no answer
 */
public record RunReport(
    String time,
    String endpoint,
    int howmany,
    boolean dryRun,
    int occupied,
    int liveOrCompleted,
    int queued,
    List<Entry> occupying,
    List<Entry> other,
    List<Entry> started,
    List<Entry> wouldStart,
    List<Failure> failed) {

  /** One migration as reported. */
  public record Entry(String migrationId, String internalId, String path, String state) {
    static Entry of(Migration m) {
      return new Entry(m.migrationId(), m.internalId(), m.path(), m.state());
    }

    String label() {
      String id = migrationId != null ? migrationId : internalId != null ? internalId : "(no id)";
      return id + " " + (path == null ? "(no path)" : path);
    }
  }

  /** A start that did not succeed; {@code status} 0 means no HTTP answer. */
  public record Failure(
      String migrationId, String internalId, String path, int status, String message) {
    /** The migration id, else the internal id. */
    public String name() {
      return migrationId != null ? migrationId : internalId;
    }

    static Failure of(StartResult r) {
      Migration m = r.migration();
      return new Failure(m.migrationId(), m.internalId(), m.path(), r.status(), r.message());
    }
  }

  public boolean anyFailed() {
    return !failed.isEmpty();
  }
}
