package dev.ferry.cli.doctor;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** Prints findings as an aligned table: check, verdict, what was found, and the fix. */
public final class FindingTable {
  private static final String[] HEADINGS = {"CHECK", "VERDICT", "FOUND", "FIX"};

  private FindingTable() {}

  public static void print(List<Finding> findings, PrintWriter out) {
    int checkWidth = width(findings, Finding::check, HEADINGS[0]);
    int verdictWidth = width(findings, f -> f.verdict().label(), HEADINGS[1]);
    int foundWidth = width(findings, Finding::detail, HEADINGS[2]);
    String format = "%-" + checkWidth + "s  %-" + verdictWidth + "s  %-" + foundWidth + "s  %s";
    out.println(String.format(format, (Object[]) HEADINGS).stripTrailing());
    for (Finding f : findings) {
      out.println(
          String.format(format, f.check(), f.verdict().label(), f.detail(), f.fix())
              .stripTrailing());
    }
    long failed = findings.stream().filter(Finding::failed).count();
    out.println();
    out.println(
        failed == 0
            ? "all " + findings.size() + " checks passed or do not apply"
            : failed + " of " + findings.size() + " checks failed");
    out.flush();
  }

  private static int width(List<Finding> findings, Function<Finding, String> column, String head) {
    return Math.max(
        head.length(), findings.stream().mapToInt(f -> column.apply(f).length()).max().orElse(0));
  }
}
