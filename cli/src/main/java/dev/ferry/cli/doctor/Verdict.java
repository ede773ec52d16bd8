package dev.ferry.cli.doctor;

/** The outcome of one doctor check. */
public enum Verdict {
  /** The piece works as configured. */
  PASS("ok"),
  /** The piece is configured but does not work; the finding says how to fix it. */
  FAIL("FAIL"),
  /** The piece is not configured here, so there is nothing to check (a worker without LDM). */
  SKIP("-");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** The word printed in the table. */
  public String label() {
    return label;
  }
}
