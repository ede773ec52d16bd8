package dev.ferry.cli.doctor;

import dev.ferry.lustre.Lustre;
import dev.ferry.lustre.LustreMode;
import dev.ferry.lustre.LustrePolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reports whether liblustreapi loaded and from where, and which configured filesystems are handled
 * as Lustre. A missing library fails only where a filesystem is handled as Lustre: there layouts
 * would silently not be preserved.
 */
public final class LustreProbe {
  private LustreProbe() {}

  /**
   * @param lustre the library as this process loaded it
   * @param policy the run-wide mode ({@code FERRY_LUSTRE})
   * @param modes each mounted filesystem's {@code lustre = true|false|auto}
   */
  public static List<Finding> probe(
      Lustre lustre, LustrePolicy policy, Map<MountedFilesystem, LustreMode> modes) {
    List<Finding> findings = new ArrayList<>();
    List<String> lustreNames = new ArrayList<>();
    for (Map.Entry<MountedFilesystem, LustreMode> e : modes.entrySet()) {
      MountedFilesystem fs = e.getKey();
      String check = "filesystem " + fs.name() + " lustre";
      try {
        boolean isLustre = policy.treatsAsLustre(fs.mount(), e.getValue());
        String why = why(policy.effective(e.getValue()), isLustre);
        if (isLustre) {
          lustreNames.add(fs.name());
          findings.add(
              lustre.available()
                  ? Finding.pass(check, "handled as Lustre (" + why + ")")
                  : Finding.fail(
                      check,
                      "handled as Lustre (" + why + ") but liblustreapi is not loaded",
                      "install the Lustre client library, set FERRY_LUSTREAPI, or set lustre = false"));
        } else {
          findings.add(Finding.skip(check, "handled as plain POSIX (" + why + ")"));
        }
      } catch (IOException | RuntimeException ex) {
        findings.add(
            Finding.fail(check, "cannot tell: " + ex.getMessage(), "check that it is mounted"));
      }
    }
    findings.add(0, library(lustre, lustreNames));
    return findings;
  }

  private static Finding library(Lustre lustre, List<String> lustreNames) {
    String check = "lustre library";
    if (lustre.available()) {
      String uses =
          lustreNames.isEmpty() ? "no configured filesystem is Lustre" : "for " + lustreNames;
      return Finding.pass(check, "loaded from " + lustre.loadedFrom().orElse("?") + "; " + uses);
    }
    String reason = lustre.unavailableReason().orElse("unknown");
    if (lustreNames.isEmpty()) {
      return Finding.skip(check, "not loaded (" + reason + "); no configured filesystem is Lustre");
    }
    return Finding.fail(
        check,
        "not loaded (" + reason + ")",
        "install the Lustre client (liblustreapi.so.1) or point FERRY_LUSTREAPI at it");
  }

  private static String why(LustreMode effective, boolean isLustre) {
    return switch (effective) {
      case ON -> "lustre = true or FERRY_LUSTRE=force";
      case OFF -> "lustre = false or FERRY_LUSTRE=off";
      case AUTO -> isLustre ? "statfs reports Lustre" : "statfs: not Lustre";
    };
  }
}
