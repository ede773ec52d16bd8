package dev.ferry.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads intervals such as {@code 30s}, {@code 5m}, {@code 1h}, {@code 90} (seconds), {@code PT5M}.
 */
final class IntervalConverter implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*([smh]?)");

  @Override
  public Duration convert(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(v);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
          };
    } else {
      try {
        d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not an interval (examples: 30s, 5m, 1h)");
      }
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new TypeConversionException("'" + value + "' is shorter than 1s");
    }
    return d;
  }
}
