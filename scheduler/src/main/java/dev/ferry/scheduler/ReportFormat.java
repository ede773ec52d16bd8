package dev.ferry.scheduler;

/** How a run's summary is printed. */
public enum ReportFormat {
  /** A few lines for people and cron mail. */
  TEXT,
  /** One JSON object per run, on one line. */
  JSON
}
