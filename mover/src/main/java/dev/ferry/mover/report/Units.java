package dev.ferry.mover.report;

import java.time.Duration;
import java.util.Locale;

/** Human-readable sizes, rates and durations for the board and the summary. */
final class Units {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private Units() {}

  static String bytes(double n) {
    int u = 0;
    while (n >= 1024 && u < UNITS.length - 1) {
      n /= 1024;
      u++;
    }
    return u == 0
        ? String.format(Locale.ROOT, "%.0f B", n)
        : String.format(Locale.ROOT, "%.1f %s", n, UNITS[u]);
  }

  static String rate(double bytesPerSecond) {
    return bytes(bytesPerSecond) + "/s";
  }

  static String elapsed(Duration d) {
    long s = d.toSeconds();
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
