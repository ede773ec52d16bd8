package dev.ferry.cli;

/** The exit codes every ferry subcommand uses; documented in the README. */
final class ExitCode {
  /** Everything was done. */
  static final int OK = 0;

  /** The run finished, but some items failed. */
  static final int FAILED = 1;

  /** Bad usage or configuration; nothing was changed. */
  static final int USAGE = 2;

  /** An external service (LDM, the broker) was unreachable or refused. */
  static final int UNAVAILABLE = 3;

  /** Another instance holds the lock. */
  static final int LOCKED = 4;

  /** Interrupted by a signal. */
  static final int INTERRUPTED = 130;

  private ExitCode() {}
}
