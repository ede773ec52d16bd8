package dev.ferry.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as admins write them: a whole number and a unit, {@code 30m}, {@code 12h}, {@code 90d}.
 */
final class DurationOption {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})([smhdw])");

  private DurationOption() {}

  static Duration parse(String text) {
    Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration such as 90s, 30m, 12h, 90d or 2w");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }
}
