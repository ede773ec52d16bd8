package dev.ferry.cli;

import dev.ferry.scheduler.LdmConnection;
import dev.ferry.scheduler.ReportFormat;
import dev.ferry.scheduler.RunLock;
import dev.ferry.scheduler.SchedulerConfig;
import dev.ferry.scheduler.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Resolves {@code ferry schedule}'s flags, environment and config keys into its config record. */
final class ScheduleSettings {
  private ScheduleSettings() {}

  static SchedulerConfig config(ScheduleCommand c, Settings s, Map<String, String> env) {
    Integer howmany =
        s.resolve(c.howmany, null, "schedule.howmany", ScheduleSettings::positive)
            .orElseThrow(
                () ->
                    new UsageException(
                        "--howmany N is required (or howmany in the [schedule] config section)"));
    Path priorities =
        s.resolve(c.priorityList, null, "schedule.priority-list", Path::of).orElse(null);
    Path lock =
        s.resolve(c.lockFile, null, "schedule.lock-file", Path::of)
            .orElseGet(
                () ->
                    RunLock.defaultPath(
                        env,
                        System.getProperty("java.io.tmpdir"),
                        System.getProperty("user.name")));
    ReportFormat format = c.json ? ReportFormat.JSON : ReportFormat.TEXT;
    return new SchedulerConfig(
        connection(c, s), howmany, priorities, lock, c.dryRun, format, c.watch);
  }

  static LdmConnection connection(ScheduleCommand c, Settings s) {
    URI flag = c.endpoint == null ? null : LdmConnection.parseEndpoint(c.endpoint);
    URI endpoint =
        s.resolve(flag, "FERRY_LDM_ENDPOINT", "ldm.endpoint", LdmConnection::parseEndpoint)
            .orElse(LdmConnection.DEFAULT_ENDPOINT);
    String user = s.string(c.username, "FERRY_LDM_USERNAME", "ldm.username").orElse(null);
    Secret password =
        PasswordSource.resolve(c.password, c.passwordFile, s, PasswordPrompt::ask).orElse(null);
    Duration timeout =
        s.resolve(c.timeout, null, "ldm.timeout", Integer::valueOf)
            .map(ScheduleSettings::seconds)
            .orElse(LdmConnection.DEFAULT_TIMEOUT);
    boolean insecure =
        s.resolve(c.insecure ? Boolean.TRUE : null, null, "ldm.insecure", ScheduleSettings::bool)
            .orElse(false);
    Path caCert = s.resolve(c.caCert, null, "ldm.cacert", Path::of).orElse(null);
    return new LdmConnection(endpoint, user, password, timeout, insecure, caCert);
  }

  private static Integer positive(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + text + "' is not a positive integer");
  }

  private static Duration seconds(int n) {
    if (n < 1) {
      throw new UsageException("--timeout must be a positive number of seconds, not " + n);
    }
    return Duration.ofSeconds(n);
  }

  private static Boolean bool(String text) {
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    throw new IllegalArgumentException("'" + text + "' is not true or false");
  }
}
