package dev.ferry.scheduler;

import java.util.Optional;

/**
 * The fields of one LDM migration that scheduling needs. Any of them may be null: LDM versions
 * differ, and a missing field must never crash a run.
 *
 * @param migrationId the user-visible name
 * @param internalId LDM's own identifier (absent in 1.x)
 * @param path the source path the priority list matches against
 * @param state the LDM state, such as NONSCHEDULED or RUNNING
 * @param createdTime {@code migrationCreatedTime} as sent (2.x)
 * @param startTime {@code migrationStartTime} as sent (the creation time in 1.x)
 */
public record Migration(
    String migrationId,
    String internalId,
    String path,
    String state,
    String createdTime,
    String startTime) {

  /** The identifier to start it with: {@code internalId}, else {@code migrationId}. */
  public Optional<String> startId() {
    if (internalId != null && !internalId.isEmpty()) {
      return Optional.of(internalId);
    }
    return Optional.ofNullable(migrationId).filter(id -> !id.isEmpty());
  }

  /**
   * The creation time to order by: {@code migrationCreatedTime}, else {@code migrationStartTime}.
   */
  public String creationTime() {
    return createdTime != null ? createdTime : startTime;
  }

  /** A short name for reports: the migration id, else the internal id. */
  public String name() {
    if (migrationId != null) {
      return migrationId;
    }
    return internalId != null ? internalId : "(no id)";
  }
}
