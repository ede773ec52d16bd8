package dev.ferry.cli.doctor;

import dev.ferry.lustre.LustreDiagnosis;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the lustre-jni module's own diagnosis (library first, then one line per filesystem) into
 * doctor findings with a fix.
 */
public final class LustreFindings {
  private LustreFindings() {}

  /**
   * @param lines from {@link LustreDiagnosis#check}
   * @param names the filesystem names, in the order they were diagnosed
   * @param libraryLoaded whether liblustreapi is loaded
   */
  public static List<Finding> of(
      List<LustreDiagnosis.Line> lines, List<String> names, boolean libraryLoaded) {
    List<Finding> findings = new ArrayList<>();
    LustreDiagnosis.Line library = lines.get(0);
    if (!library.ok()) {
      findings.add(
          Finding.fail(
              "lustre library",
              library.text() + " but a filesystem is handled as Lustre",
              "install the Lustre client (liblustreapi.so.1), set FERRY_LUSTREAPI or"
                  + " lustre.library, or set lustre = false on that filesystem"));
    } else if (libraryLoaded) {
      findings.add(Finding.pass("lustre library", library.text()));
    } else {
      findings.add(Finding.skip("lustre library", library.text()));
    }
    for (int i = 1; i < lines.size(); i++) {
      LustreDiagnosis.Line line = lines.get(i);
      String check = "filesystem " + names.get(i - 1) + " lustre";
      if (!line.ok()) {
        findings.add(Finding.fail(check, line.text(), "check that it is mounted"));
      } else if (line.text().contains("handled as Lustre")) {
        findings.add(Finding.pass(check, line.text()));
      } else {
        findings.add(Finding.skip(check, line.text()));
      }
    }
    return findings;
  }
}
