package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.scheduler.sim.SimFixtures;
import dev.ferry.systest.FerryBinary.Result;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Overlapping cron runs: the second exits 4 at once and starts nothing. */
class ScheduleLockSystemTest extends ScheduleSystemTest {

  @Test
  void concurrentRunExitsFourAndStartsNothing() throws Exception {
    SimFixtures.reference(sim);
    sim.faults().listDelay(Duration.ofSeconds(4)); // keeps the first run inside its lock
    Process first = ferry.start(scheduleArgs("--howmany", "1"));
    var firstOut = FerryBinary.drain(first.getInputStream());
    var firstErr = FerryBinary.drain(first.getErrorStream());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (sim.requests().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, sim.requests().size(), "the first run is listing, so it holds the lock");

    Result second = schedule("--howmany", "3");
    assertEquals(4, second.exit(), second.err());
    assertOneErrorLine(second, "another ferry schedule run holds the lock");
    assertTrue(second.err().contains("(pid " + first.pid() + ")"), second.err());
    assertEquals(1, sim.requests().size(), "the second run sent nothing");

    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue(), firstErr.join());
    assertTrue(firstOut.join().contains("started m-a")); // no priority list: oldest first
    assertEquals(List.of("m-a"), sim.startedNames());
    assertTrue(Files.exists(lockFile()), "the lock file stays; only the OS lock is released");

    sim.faults().clear();
    Result third = schedule("--howmany", "3");
    assertEquals(0, third.exit(), third.err());
    assertEquals(List.of("m-a", "m-b", "m-c"), sim.startedNames());
  }
}
