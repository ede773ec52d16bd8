package dev.ferry.scheduler;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * A migration's creation time as an ordering key: times that parse come first, oldest first; then
 * text that does not parse, in string order; then missing or null times. Every pair compares, so
 * sorting never fails and is deterministic.
 */
record CreationTime(Instant instant, String text) implements Comparable<CreationTime> {

  // LDM writes 2021-09-01T10:00:00.000+0000; also accept ISO forms (+00:00, Z, no fraction).
  private static final DateTimeFormatter LDM =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT);

  static CreationTime of(String text) {
    if (text == null || text.isBlank()) {
      return new CreationTime(null, null);
    }
    return new CreationTime(parse(text.strip()), text);
  }

  private static Instant parse(String text) {
    Instant canonical = canonical(text);
    if (canonical != null) {
      return canonical;
    }
    try {
      return OffsetDateTime.parse(text, LDM).toInstant();
    } catch (DateTimeParseException e) {
      return epochMillis(text);
    }
  }

  // LDM's own form, 2021-09-01T10:00:00.000+0000, read by position: on a cold JVM the general
  // formatter costs tens of microseconds a call, which 10,000 migrations turn into a visible delay.
  private static Instant canonical(String t) {
    if (t.length() != 28 || !t.endsWith("+0000") || !separatorsAt(t)) {
      return null;
    }
    try {
      return LocalDateTime.of(
              digits(t, 0, 4),
              digits(t, 5, 7),
              digits(t, 8, 10),
              digits(t, 11, 13),
              digits(t, 14, 16),
              digits(t, 17, 19),
              digits(t, 20, 23) * 1_000_000)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static boolean separatorsAt(String t) {
    return t.charAt(4) == '-'
        && t.charAt(7) == '-'
        && t.charAt(10) == 'T'
        && t.charAt(13) == ':'
        && t.charAt(16) == ':'
        && t.charAt(19) == '.';
  }

  private static int digits(String t, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(t);
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  // Some servers send epoch milliseconds; Jackson gives them to us as text.
  private static Instant epochMillis(String text) {
    if (!text.chars().allMatch(Character::isDigit) || text.length() > 18) {
      return null;
    }
    return Instant.ofEpochMilli(Long.parseLong(text));
  }

  private int rank() {
    if (instant != null) {
      return 0;
    }
    return text != null ? 1 : 2;
  }

  @Override
  public int compareTo(CreationTime other) {
    int c = Integer.compare(rank(), other.rank());
    if (c != 0 || rank() == 2) {
      return c;
    }
    return rank() == 0 ? instant.compareTo(other.instant) : text.compareTo(other.text);
  }
}
