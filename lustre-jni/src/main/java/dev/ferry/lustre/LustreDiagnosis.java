package dev.ferry.lustre;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ferry doctor} says about Lustre: whether liblustreapi loaded and from where, and
 * which configured filesystems are handled as Lustre and why.
 */
public final class LustreDiagnosis {
  /** One finding; {@code ok} is false for something that needs fixing. */
  public record Line(boolean ok, String text) {}

  /** A configured filesystem: its name, where it is mounted, its {@code lustre} setting. */
  public record Filesystem(String name, Path mount, LustreMode mode) {}

  private LustreDiagnosis() {}

  /**
   * The library line first, then one line per filesystem. The library line is a problem only when
   * some filesystem is handled as Lustre without it.
   */
  public static List<Line> check(Lustre lustre, LustrePolicy policy, List<Filesystem> filesystems) {
    List<Line> lines = new ArrayList<>();
    boolean anyLustre = false;
    for (Filesystem fs : filesystems) {
      String where = "filesystem " + fs.name() + " (" + fs.mount() + "): ";
      try {
        boolean isLustre = policy.treatsAsLustre(fs.mount(), fs.mode());
        anyLustre |= isLustre;
        String verdict = isLustre ? "handled as Lustre" : "plain POSIX";
        lines.add(new Line(true, where + verdict + " (" + reason(policy, fs.mode()) + ")"));
      } catch (IOException e) {
        lines.add(new Line(false, where + e.getMessage()));
      }
    }
    lines.add(0, new Line(lustre.available() || !anyLustre, lustre.describe()));
    return lines;
  }

  private static String reason(LustrePolicy policy, LustreMode configured) {
    return switch (policy.runWide()) {
      case ON -> "FERRY_LUSTRE=force";
      case OFF -> "FERRY_LUSTRE=off";
      case AUTO ->
          switch (configured) {
            case ON -> "lustre = true";
            case OFF -> "lustre = false";
            case AUTO -> "statfs";
          };
    };
  }
}
