package dev.ferry.scheduler;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one {@code ferry schedule} invocation needs, validated.
 *
 * @param ldm how to reach LiveData Migrator
 * @param howmany the most migrations that may occupy a slot (RUNNING, SCHEDULED, STARTING)
 * @param priorityList file of paths in priority order, or null to order by creation time only
 * @param lockFile the run lock; a second run holding it concurrently exits at once
 * @param dryRun report what would be started, start nothing
 * @param format how the summary is printed
 * @param watchInterval act every interval until stopped, or null to act once
 */
public record SchedulerConfig(
    LdmConnection ldm,
    int howmany,
    Path priorityList,
    Path lockFile,
    boolean dryRun,
    ReportFormat format,
    Duration watchInterval) {

  public SchedulerConfig {
    if (ldm == null) {
      throw new SchedulerConfigException("no LDM connection settings");
    }
    if (howmany < 1) {
      throw new SchedulerConfigException("--howmany must be a positive integer, not " + howmany);
    }
    if (lockFile == null) {
      throw new SchedulerConfigException("no lock file");
    }
    if (format == null) {
      format = ReportFormat.TEXT;
    }
    if (watchInterval != null && watchInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new SchedulerConfigException("--watch interval must be at least 1s");
    }
  }

  public boolean watching() {
    return watchInterval != null;
  }
}
