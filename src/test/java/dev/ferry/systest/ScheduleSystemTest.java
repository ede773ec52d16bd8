package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.scheduler.sim.LdmSimulator;
import dev.ferry.systest.FerryBinary.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Shared set-up: a fresh simulator, a scratch directory and the packaged binary. */
abstract class ScheduleSystemTest {
  protected LdmSimulator sim;
  protected FerryBinary ferry;

  @TempDir protected Path dir;

  @BeforeEach
  void startSimulator() {
    sim = LdmSimulator.start();
    ferry = new FerryBinary(dir);
  }

  @AfterEach
  void stopSimulator() {
    sim.close();
  }

  protected Path lockFile() {
    return dir.resolve("schedule.lock");
  }

  /** {@code ferry schedule --endpoint SIM --lock-file SCRATCH ARGS}. */
  protected Result schedule(String... args) {
    return ferry.run(scheduleArgs(args));
  }

  protected String[] scheduleArgs(String... args) {
    List<String> all = new ArrayList<>(List.of("schedule"));
    List<String> given = List.of(args);
    if (!given.contains("--endpoint")) {
      all.addAll(List.of("--endpoint", sim.endpoint().toString()));
    }
    if (!given.contains("--lock-file")) {
      all.addAll(List.of("--lock-file", lockFile().toString()));
    }
    all.addAll(given);
    return all.toArray(String[]::new);
  }

  protected static void assertOneErrorLine(Result r, String expected) {
    assertEquals(1, r.errLines().size(), "stderr: " + r.err());
    assertTrue(r.err().startsWith("ferry schedule: "), r.err());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
  }
}
