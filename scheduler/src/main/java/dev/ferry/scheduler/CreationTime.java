package dev.ferry.scheduler;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

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
          .toFormatter();

  private static final Comparator<CreationTime> ORDER =
      Comparator.comparingInt(CreationTime::rank)
          .thenComparing(CreationTime::instant, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(CreationTime::text, Comparator.nullsLast(Comparator.naturalOrder()));

  static CreationTime of(String text) {
    if (text == null || text.isBlank()) {
      return new CreationTime(null, null);
    }
    return new CreationTime(parse(text.strip()), text);
  }

  private static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text, LDM).toInstant();
    } catch (DateTimeParseException e) {
      return epochMillis(text);
    }
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
    return ORDER.compare(this, other);
  }
}
