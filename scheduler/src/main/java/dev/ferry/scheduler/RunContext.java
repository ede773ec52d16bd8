package dev.ferry.scheduler;

import java.io.PrintWriter;
import java.time.Clock;

/**
 * What a run may touch outside its config: where to print, the clock, and this process's id (for
 * the lock file). Injected so the scheduler reads no globals.
 *
 * @param out the summary
 * @param err warnings, errors and {@code --debug} lines
 * @param clock the time printed in each summary
 * @param debug print each HTTP request (never its headers)
 * @param pid written into the lock file so a refused run can name the holder
 */
public record RunContext(PrintWriter out, PrintWriter err, Clock clock, boolean debug, long pid) {
  static final String PREFIX = "ferry schedule: ";

  void warn(String message) {
    err.println(PREFIX + message);
    err.flush();
  }

  void debugLine(String message) {
    if (debug) {
      err.println(PREFIX + "debug: " + message);
      err.flush();
    }
  }
}
