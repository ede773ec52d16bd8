package dev.ferry.scheduler.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Data sets shared by unit tests, system tests and the benchmark. */
public final class SimFixtures {
  /** The priority list of the reference fixture (ldm-api.md 7.8). */
  public static final List<String> REFERENCE_PRIORITIES = List.of("/repl3", "/repl1", "/src");

  private SimFixtures() {}

  /**
   * The reference fixture of ldm-api.md 7.8: three NONSCHEDULED (one unlisted), one LIVE, one
   * STOPPED.
   */
  public static void reference(LdmSimulator sim) {
    sim.add("m-a", "/data/x", "NONSCHEDULED", "2021-09-01T10:00:00.000+0000");
    sim.add("m-b", "/repl1", "NONSCHEDULED", "2021-09-01T11:00:00.000+0000");
    sim.add("m-c", "/repl3", "NONSCHEDULED", "2021-09-01T12:00:00.000+0000");
    sim.add("m-d", "/live1", "LIVE", "2021-08-01T00:00:00.000+0000");
    sim.add("m-e", "/stop1", "STOPPED", "2021-08-02T00:00:00.000+0000");
  }

  /**
   * {@code count} migrations in a realistic mix: about 2% RUNNING, 40% LIVE, 3% STOPPED, the rest
   * NONSCHEDULED, with creation times one minute apart in a shuffled order.
   */
  public static void large(LdmSimulator sim, int count) {
    for (int i = 0; i < count; i++) {
      int r = (i * 7919) % 100;
      String state = r < 2 ? "RUNNING" : r < 42 ? "LIVE" : r < 45 ? "STOPPED" : "NONSCHEDULED";
      long minute = (i * 104729L) % count;
      String time =
          LdmSimulator.EPOCH.plus(Duration.ofMinutes(minute)).toString().replace("Z", ".000+0000");
      sim.add(String.format("mig-%05d", i), "/data/project" + i, state, time);
    }
  }

  /** A priority list naming every tenth path of {@link #large}, newest first. */
  public static List<String> largePriorities(int count) {
    List<String> lines = new ArrayList<>();
    lines.add("# generated priority list");
    for (int i = count - 1; i >= 0; i -= 10) {
      lines.add("/data/project" + i);
    }
    return lines;
  }
}
