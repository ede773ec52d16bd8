package dev.ferry.cli.doctor;

import java.util.Objects;

/**
 * One line of the doctor's table.
 *
 * @param check what was checked, such as {@code filesystem panda mounted}
 * @param verdict the outcome
 * @param detail what was found (never a secret)
 * @param fix what to do about a failure; empty when nothing needs doing
 */
public record Finding(String check, Verdict verdict, String detail, String fix) {
  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(verdict, "verdict");
    detail = detail == null ? "" : detail;
    fix = fix == null ? "" : fix;
  }

  public static Finding pass(String check, String detail) {
    return new Finding(check, Verdict.PASS, detail, "");
  }

  public static Finding fail(String check, String detail, String fix) {
    return new Finding(check, Verdict.FAIL, detail, fix);
  }

  public static Finding skip(String check, String detail) {
    return new Finding(check, Verdict.SKIP, detail, "");
  }

  public boolean failed() {
    return verdict == Verdict.FAIL;
  }
}
