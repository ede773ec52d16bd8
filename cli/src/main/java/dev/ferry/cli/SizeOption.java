package dev.ferry.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes with binary units: {@code 64M}, {@code 1G}, {@code 512K}, or plain bytes. */
final class SizeOption {
  private static final Pattern FORM = Pattern.compile("(\\d{1,12})([kmgt]?)(i?b)?");

  private SizeOption() {}

  static long parse(String text) {
    Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size such as 64M or 1G");
    }
    long n = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    return n << shift;
  }
}
