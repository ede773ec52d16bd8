package dev.ferry.scheduler;

import java.util.Arrays;

/**
 * A password that never prints itself: {@link #toString()} is a fixed mask, so a secret that ends
 * up in a log line, an exception message or a record's generated {@code toString} stays hidden.
 */
public final class Secret {
  private final char[] value;

  private Secret(char[] value) {
    this.value = value.clone();
  }

  /** Wraps a copy of {@code value}; the caller may clear its own array afterwards. */
  public static Secret of(char[] value) {
    return new Secret(value);
  }

  public static Secret of(String value) {
    return new Secret(value.toCharArray());
  }

  /** The plain text, for the one place that needs it: the Authorization header. */
  String reveal() {
    return new String(value);
  }

  public boolean isEmpty() {
    return value.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && Arrays.equals(value, s.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "********";
  }
}
