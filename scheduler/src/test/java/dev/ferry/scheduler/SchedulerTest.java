package dev.ferry.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.scheduler.sim.LdmSimulator;
import dev.ferry.scheduler.sim.SimFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  private final LdmSimulator sim = LdmSimulator.start();
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  @TempDir Path dir;
  private Path priorities;

  @BeforeEach
  void fixture() throws Exception {
    SimFixtures.reference(sim);
    priorities = Files.write(dir.resolve("priority.txt"), SimFixtures.REFERENCE_PRIORITIES);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private SchedulerConfig config(int howmany, boolean dryRun, ReportFormat format, Duration watch) {
    LdmConnection ldm =
        new LdmConnection(sim.endpoint(), null, null, Duration.ofSeconds(5), false, null);
    return new SchedulerConfig(
        ldm, howmany, priorities, dir.resolve("run.lock"), dryRun, format, watch);
  }

  private Outcome run(SchedulerConfig config) {
    out = new StringWriter();
    err = new StringWriter();
    RunContext ctx = new RunContext(new PrintWriter(out), new PrintWriter(err), CLOCK, false, 99);
    return new Scheduler(config, ctx).run(new WatchStop());
  }

  private Outcome run(int howmany) {
    return run(config(howmany, false, ReportFormat.TEXT, null));
  }

  @Test
  void referenceFixtureRunByRun() {
    assertEquals(Outcome.DONE, run(1));
    assertEquals(List.of(internalIdOf("m-c")), sim.startRequests());
    assertEquals("SCHEDULED", sim.state("m-c"));
    assertTrue(
        out.toString()
            .startsWith(
                "2026-11-25T12:00:00Z "
                    + sim.endpoint()
                    + ": occupied 0 of 1, live/completed 1, queued 3, other 1\n"),
        out.toString());
    assertTrue(out.toString().contains("  other m-e /stop1 (STOPPED)\n"), out.toString());
    assertTrue(out.toString().contains("  started m-c /repl3\n"), out.toString());

    assertEquals(Outcome.DONE, run(1)); // m-c holds the slot
    assertEquals(1, sim.startRequests().size());
    assertTrue(out.toString().contains("occupied 1 of 1"), out.toString());
    assertTrue(out.toString().contains("nothing to start"), out.toString());

    sim.tick(2);
    assertEquals("LIVE", sim.state("m-c"));
    run(1);
    assertEquals("SCHEDULED", sim.state("m-b"));
    sim.tick(2);
    run(1);
    assertEquals("SCHEDULED", sim.state("m-a"));
    assertEquals(3, sim.startRequests().size());
    sim.tick(2);
    run(1);
    assertTrue(out.toString().contains("live/completed 4, queued 0"), out.toString());
    assertEquals("STOPPED", sim.state("m-e"));
  }

  @Test
  void howmanyThreeStartsAllInPriorityOrder() {
    run(3);
    assertEquals(
        List.of(internalIdOf("m-c"), internalIdOf("m-b"), internalIdOf("m-a")),
        sim.startRequests());
  }

  private String internalIdOf(String name) {
    LdmClient c =
        new LdmClient(
            new LdmConnection(sim.endpoint(), null, null, Duration.ofSeconds(5), false, null),
            null);
    return c.list().stream()
        .filter(m -> name.equals(m.migrationId()))
        .findFirst()
        .orElseThrow()
        .internalId();
  }

  @Test
  void failedStartIsReportedAndTheOthersStillStart() {
    sim.faults().startStatus(internalIdOf("m-c"), 500);
    assertEquals(Outcome.SOME_FAILED, run(3));
    assertEquals(3, sim.startRequests().size());
    assertEquals("NONSCHEDULED", sim.state("m-c"));
    assertEquals("SCHEDULED", sim.state("m-b"));
    assertEquals("SCHEDULED", sim.state("m-a"));
    assertTrue(
        out.toString().contains("FAILED to start m-c /repl3: HTTP 500: injected failure"),
        out.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().contains("1 of 3 starts failed"), err.toString());
  }

  @Test
  void listFailureStartsNothing() {
    sim.faults().listStatus(500);
    assertThrows(LdmServiceException.class, () -> run(3));
    assertEquals(List.of(), sim.startRequests());
  }

  @Test
  void missingPriorityListFailsBeforeAnyRequest() throws Exception {
    Files.delete(priorities);
    assertThrows(SchedulerConfigException.class, () -> run(3));
    assertEquals(List.of(), sim.requests());
    assertFalse(Files.exists(dir.resolve("run.lock")));
  }

  @Test
  void dryRunStartsNothingEvenWhileTheLockIsHeld() {
    try (RunLock held = RunLock.acquire(dir.resolve("run.lock"), 1)) {
      assertEquals(Outcome.DONE, run(config(2, true, ReportFormat.TEXT, null)));
    }
    assertEquals(List.of(), sim.startRequests());
    assertTrue(out.toString().contains("(dry run)"), out.toString());
    assertTrue(
        out.toString().contains("  would start m-c /repl3\n  would start m-b /repl1\n"),
        out.toString());
  }

  @Test
  void heldLockStopsTheRunBeforeAnyRequest() {
    try (RunLock held = RunLock.acquire(dir.resolve("run.lock"), 1234)) {
      var e = assertThrows(LockHeldException.class, () -> run(3));
      assertTrue(e.getMessage().contains("pid 1234"), e.getMessage());
    }
    assertEquals(List.of(), sim.requests());
  }

  @Test
  void jsonReportIsOneObject() throws Exception {
    sim.faults().startStatus(internalIdOf("m-a"), 403);
    run(config(3, false, ReportFormat.JSON, null));
    assertEquals(1, out.toString().lines().count(), out.toString());
    JsonNode r = new ObjectMapper().readTree(out.toString());
    assertEquals("2026-11-25T12:00:00Z", r.get("time").asText());
    assertEquals(0, r.get("occupied").asInt());
    assertEquals(1, r.get("liveOrCompleted").asInt());
    assertEquals(3, r.get("queued").asInt());
    assertEquals("m-e", r.get("other").get(0).get("migrationId").asText());
    assertEquals("STOPPED", r.get("other").get(0).get("state").asText());
    assertEquals("m-c", r.get("started").get(0).get("migrationId").asText());
    assertEquals(2, r.get("started").size());
    assertEquals(403, r.get("failed").get(0).get("status").asInt());
    assertEquals("m-a", r.get("failed").get(0).get("migrationId").asText());
    assertFalse(r.get("dryRun").asBoolean());
  }

  @Test
  void compat2xNullStartTimesOrderByCreation() {
    try (LdmSimulator v2 = LdmSimulator.start()) {
      v2.compat2x();
      v2.add("late", "/u1", "NONSCHEDULED", "2021-09-02T00:00:00.000+0000");
      v2.add("early", "/u2", "NONSCHEDULED", "2021-09-01T00:00:00.000+0000");
      v2.add("unknown", "/u3", "NONSCHEDULED", null);
      LdmConnection ldm =
          new LdmConnection(v2.endpoint(), null, null, Duration.ofSeconds(5), false, null);
      run(
          new SchedulerConfig(
              ldm, 2, null, dir.resolve("v2.lock"), false, ReportFormat.TEXT, null));
      assertEquals("SCHEDULED", v2.state("early"));
      assertEquals("SCHEDULED", v2.state("late"));
      assertEquals("NONSCHEDULED", v2.state("unknown"));
    }
  }

  @Test
  void watchKeepsGoingAfterAFailedCycleAndStopsOnRequest() throws Exception {
    sim.faults().listStatus(502);
    WatchStop stop = new WatchStop();
    out = new StringWriter();
    err = new StringWriter();
    RunContext ctx = new RunContext(new PrintWriter(out), new PrintWriter(err), CLOCK, false, 99);
    Scheduler s = new Scheduler(config(1, false, ReportFormat.TEXT, Duration.ofSeconds(1)), ctx);
    CompletableFuture<Outcome> loop = CompletableFuture.supplyAsync(() -> s.run(stop));
    awaitRequests(2);
    assertEquals(List.of(), sim.startRequests());
    sim.faults().clear();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sim.startRequests().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    stop.request();
    assertEquals(Outcome.DONE, loop.get(30, TimeUnit.SECONDS));
    assertEquals("SCHEDULED", sim.state("m-c"));
    assertTrue(err.toString().contains("this cycle did nothing"), err.toString());
    assertTrue(err.toString().contains("HTTP 502"), err.toString());
    assertTrue(out.toString().contains("started m-c"), out.toString());
  }

  private void awaitRequests(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sim.requests().size() < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(sim.requests().size() >= n, "requests: " + sim.requests().size());
  }
}
