package dev.ferry.lustre;

import java.util.Locale;

/**
 * Whether a filesystem is handled as Lustre: {@code ON} always, {@code OFF} never, {@code AUTO}
 * when statfs(2) reports Lustre's magic. Config files spell these {@code true|false|auto} (per
 * filesystem), the environment {@code force|off|auto} ({@code FERRY_LUSTRE}, the whole run).
 */
public enum LustreMode {
  ON,
  OFF,
  AUTO;

  /** Parses {@code true|false|auto} or {@code force|off|auto} (case-insensitive). */
  public static LustreMode parse(String text) {
    switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true":
      case "force":
      case "on":
        return ON;
      case "false":
      case "off":
        return OFF;
      case "auto":
        return AUTO;
      default:
        throw new IllegalArgumentException(
            "expected true, false or auto (or force, off, auto) but got '" + text + "'");
    }
  }
}
