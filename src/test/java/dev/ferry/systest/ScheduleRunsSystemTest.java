package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.scheduler.sim.SimFixtures;
import dev.ferry.systest.FerryBinary.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ordinary runs of the packaged binary: the reference fixture, JSON, odd data, watch mode. */
class ScheduleRunsSystemTest extends ScheduleSystemTest {

  private Path referencePriorities() throws Exception {
    // CRLF line ends, a comment and a blank line, as a list edited on Windows might have.
    return Files.writeString(
        dir.resolve("priority.txt"), "# most urgent first\r\n/repl3\r\n\r\n/repl1  \r\n/src\r\n");
  }

  @Test
  void referenceFixtureRunByRun() throws Exception {
    SimFixtures.reference(sim);
    String list = referencePriorities().toString();

    Result run1 = schedule("--howmany", "1", "--priority-list", list);
    assertEquals(0, run1.exit(), run1.err());
    assertEquals("", run1.err());
    assertTrue(
        run1.out().contains("occupied 0 of 1, live/completed 1, queued 3, other 1"), run1.out());
    assertTrue(run1.out().contains("other m-e /stop1 (STOPPED)"), run1.out());
    assertEquals(List.of("m-c"), sim.startedNames());
    assertEquals(sim.internalIdOf("m-c"), sim.startRequests().get(0));

    Result run2 = schedule("--howmany", "1", "--priority-list", list);
    assertEquals(0, run2.exit());
    assertTrue(run2.out().contains("occupied 1 of 1"), run2.out());
    assertTrue(run2.out().contains("nothing to start"), run2.out());
    assertEquals(1, sim.startRequests().size());

    sim.tick(2); // m-c: SCHEDULED -> RUNNING -> LIVE
    assertEquals("LIVE", sim.state("m-c"));
    assertEquals(0, schedule("--howmany", "1", "--priority-list", list).exit());
    assertEquals(List.of("m-c", "m-b"), sim.startedNames());

    sim.tick(2);
    assertEquals(0, schedule("--howmany", "1", "--priority-list", list).exit());
    assertEquals(List.of("m-c", "m-b", "m-a"), sim.startedNames());

    sim.tick(2);
    Result last = schedule("--howmany", "1", "--priority-list", list);
    assertTrue(last.out().contains("live/completed 4, queued 0, other 1"), last.out());
    assertEquals(3, sim.startRequests().size());
    assertEquals("STOPPED", sim.state("m-e"));
  }

  @Test
  void howmanyThreeStartsAllThreeInOrder() throws Exception {
    SimFixtures.reference(sim);
    Result r = schedule("--howmany", "3", "--priority-list", referencePriorities().toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("m-c", "m-b", "m-a"), sim.startedNames());
  }

  @Test
  void jsonSummaryParses() throws Exception {
    SimFixtures.reference(sim);
    Result r =
        schedule("--howmany", "2", "--json", "--priority-list", referencePriorities().toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.out().lines().count(), r.out());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(sim.endpoint().toString(), j.get("endpoint").asText());
    assertEquals(2, j.get("howmany").asInt());
    assertEquals(0, j.get("occupied").asInt());
    assertEquals(1, j.get("liveOrCompleted").asInt());
    assertEquals(3, j.get("queued").asInt());
    assertEquals("STOPPED", j.get("other").get(0).get("state").asText());
    assertEquals("m-c", j.get("started").get(0).get("migrationId").asText());
    assertEquals("m-b", j.get("started").get(1).get("migrationId").asText());
    assertEquals(0, j.get("failed").size());
    assertTrue(j.get("time").asText().endsWith("Z"));
  }

  @Test
  void dryRunStartsNothing() throws Exception {
    SimFixtures.reference(sim);
    Result r = schedule("--howmany", "3", "--dry-run", "--json");
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of(), sim.startRequests());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertTrue(j.get("dryRun").asBoolean());
    assertEquals(3, j.get("wouldStart").size());
  }

  @Test
  void tiesNullsAndMissingInternalIdNeitherCrashNorReorder() throws Exception {
    String t = "2021-09-01T10:00:00.000+0000";
    sim.add("tie-b", "/same", "NONSCHEDULED", t);
    sim.add("tie-a", "/same", "NONSCHEDULED", t);
    sim.add("null-time", "/same", "NONSCHEDULED", null);
    sim.add("no-time-field", "/same", "NONSCHEDULED", null).omit("migrationStartTime");
    sim.add("junk-time", "/same", "NONSCHEDULED", "last tuesday");
    sim.add("name-only", "/same", "NONSCHEDULED", "2021-08-01T00:00:00.000+0000").internalId(null);
    sim.add("no-path", null, "NONSCHEDULED", "2021-07-01T00:00:00.000+0000");
    sim.add("starting", "/s", "STARTING", t);
    sim.add("odd-state", "/o", "WAITING_FOR_NEXT_RECURRENCE", t);
    Result r = schedule("--howmany", "8");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        List.of(
            "no-path", "name-only", "tie-a", "tie-b", "junk-time", "no-time-field", "null-time"),
        sim.startedNames());
    assertTrue(sim.startRequests().contains("name-only"), "started by name when no internalId");
    assertTrue(r.out().contains("occupied 1 of 8"), r.out());
    assertTrue(r.out().contains("other odd-state /o (WAITING_FOR_NEXT_RECURRENCE)"), r.out());
  }

  @Test
  void compat2xNullStartTimes() throws Exception {
    sim.compat2x();
    sim.add("newer", "/n", "NONSCHEDULED", "2021-09-02T00:00:00.000+0000");
    sim.add("older", "/o", "NONSCHEDULED", "2021-09-01T00:00:00.000+0000");
    assertEquals(0, schedule("--howmany", "1").exit());
    assertEquals(List.of("older"), sim.startedNames());
  }

  @Test
  void failedStartDoesNotStopTheOthers() throws Exception {
    SimFixtures.reference(sim);
    sim.faults().startStatus(sim.internalIdOf("m-c"), 503);
    Result r = schedule("--howmany", "3", "--priority-list", referencePriorities().toString());
    assertEquals(1, r.exit(), r.err());
    assertEquals(List.of("m-c", "m-b", "m-a"), sim.startedNames());
    assertEquals("NONSCHEDULED", sim.state("m-c"));
    assertEquals("SCHEDULED", sim.state("m-b"));
    assertEquals("SCHEDULED", sim.state("m-a"));
    assertTrue(r.out().contains("FAILED to start m-c /repl3: HTTP 503: injected failure"), r.out());
    assertOneErrorLine(r, "1 of 3 starts failed");
  }

  @Test
  void refusedStartCarriesLdmMessage() {
    sim.add("m", "/p", "NONSCHEDULED", null);
    sim.faults().startStatus(403);
    Result r = schedule("--howmany", "1", "--json");
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("\"status\":403"), r.out());
    assertTrue(r.out().contains("injected failure starting"), r.out());
  }

  @Test
  void watchActsEveryIntervalSurvivesAFailedCycleAndStopsOnSigterm() throws Exception {
    SimFixtures.reference(sim);
    sim.faults().listStatus(500);
    Process p = ferry.start(scheduleArgs("--howmany", "1", "--watch", "1s"));
    var out = FerryBinary.drain(p.getInputStream());
    var err = FerryBinary.drain(p.getErrorStream());
    awaitRequests(2);
    sim.faults().clear();
    await(() -> sim.startRequests().size() == 1);
    sim.tick(2);
    await(() -> sim.startRequests().size() == 2);
    assertTrue(p.isAlive());
    p.toHandle().destroy(); // SIGTERM, as systemctl stop sends; keeps our pipes open
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ferry did not stop on SIGTERM");
    assertEquals(143, p.exitValue());
    assertEquals(List.of("m-a", "m-b"), sim.startedNames()); // no priority list: oldest first
    String errText = err.join();
    assertTrue(errText.contains("this cycle did nothing"), errText);
    assertFalse(errText.contains("Exception"), errText);
    assertTrue(out.join().contains("started m-b"));
  }

  private void awaitRequests(int n) throws InterruptedException {
    await(() -> sim.requests().size() >= n);
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 60 s");
      }
      Thread.sleep(50);
    }
  }
}
