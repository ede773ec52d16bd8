package dev.ferry.mover.fs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of raw byte strings, so that any POSIX name (not UTF-8, with newlines, with
 * {@code %}) travels through JSON and URIs unchanged.
 */
public final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  /**
   * Encodes bytes, keeping printable ASCII other than {@code %} readable (so {@code a/b c} stays
   * {@code a/b c}); every other byte becomes {@code %XX}.
   */
  public static String encode(byte[] raw) {
    StringBuilder sb = new StringBuilder(raw.length + 8);
    for (byte b : raw) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '%') {
        sb.append((char) c);
      } else {
        appendEscape(sb, c);
      }
    }
    return sb.toString();
  }

  /** Encodes for a {@code file:} URI path: only unreserved characters and {@code /} stay. */
  static String encodeAll(byte[] raw) {
    StringBuilder sb = new StringBuilder(raw.length * 3);
    for (byte b : raw) {
      int c = b & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '/'
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~';
      if (plain) {
        sb.append((char) c);
      } else {
        appendEscape(sb, c);
      }
    }
    return sb.toString();
  }

  /** Decodes {@code %XX} escapes; every other character must be ASCII. */
  public static byte[] decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("truncated %-escape in " + s);
        }
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (c < 0x80) {
        out.write(c);
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
      }
    }
    return out.toByteArray();
  }

  private static void appendEscape(StringBuilder sb, int c) {
    sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
  }
}
