package dev.ferry.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SchedulingPolicyTest {
  private static final PriorityList REFERENCE =
      PriorityList.parse(List.of("/repl3", "/repl1", "/src"));

  private static Migration m(String id, String path, String state, String start) {
    return new Migration(id, "int-" + id, path, state, null, start);
  }

  private static List<String> ids(List<Migration> ms) {
    return ms.stream().map(Migration::migrationId).toList();
  }

  private static List<Migration> reference() {
    return List.of(
        m("m-a", "/data/x", "NONSCHEDULED", "2021-09-01T10:00:00.000+0000"),
        m("m-b", "/repl1", "NONSCHEDULED", "2021-09-01T11:00:00.000+0000"),
        m("m-c", "/repl3", "NONSCHEDULED", "2021-09-01T12:00:00.000+0000"),
        m("m-d", "/live1", "LIVE", "2021-08-01T00:00:00.000+0000"),
        m("m-e", "/stop1", "STOPPED", "2021-08-02T00:00:00.000+0000"));
  }

  @Test
  void referenceFixtureStartsTheFirstListedPath() {
    Plan plan = new SchedulingPolicy(1, REFERENCE).plan(reference());
    assertEquals(0, plan.occupied().size());
    assertEquals(1, plan.liveOrCompleted());
    assertEquals(List.of("m-c", "m-b", "m-a"), ids(plan.queued()));
    assertEquals(List.of("m-e"), ids(plan.other()));
    assertEquals(List.of("m-c"), ids(plan.toStart()));
  }

  @Test
  void startsAtMostTheFreeSlots() {
    assertEquals(
        List.of("m-c", "m-b", "m-a"),
        ids(new SchedulingPolicy(3, REFERENCE).plan(reference()).toStart()));
    assertEquals(
        List.of("m-c", "m-b", "m-a"),
        ids(new SchedulingPolicy(50, REFERENCE).plan(reference()).toStart()));
  }

  @Test
  void runningScheduledAndStartingAllOccupySlots() {
    List<Migration> ms = new ArrayList<>(reference());
    ms.add(m("r1", "/r1", "RUNNING", null));
    ms.add(m("s1", "/s1", "SCHEDULED", null));
    ms.add(m("st", "/st", "STARTING", null));
    Plan atLimit = new SchedulingPolicy(3, REFERENCE).plan(ms);
    assertEquals(3, atLimit.occupied().size());
    assertEquals(List.of(), atLimit.toStart());
    Plan overLimit = new SchedulingPolicy(2, REFERENCE).plan(ms);
    assertEquals(List.of(), overLimit.toStart());
    assertEquals(List.of("m-c"), ids(new SchedulingPolicy(4, REFERENCE).plan(ms).toStart()));
  }

  @Test
  void everyOtherStateIsReportedAndNeverStarted() {
    List<Migration> ms = new ArrayList<>();
    for (String s :
        List.of(
            "STOPPED",
            "ABORTED",
            "PAUSED",
            "PAUSING",
            "WAITING_FOR_NEXT_RECURRENCE",
            "FUTURE",
            "nonscheduled")) {
      ms.add(m("x-" + s, "/repl3", s, null));
    }
    ms.add(m("x-null", "/repl3", null, null));
    ms.add(m("done", "/d", "COMPLETED", null));
    Plan plan = new SchedulingPolicy(5, REFERENCE).plan(ms);
    assertEquals(8, plan.other().size());
    assertEquals(1, plan.liveOrCompleted());
    assertEquals(List.of(), plan.toStart());
    assertEquals(0, plan.occupied().size());
  }

  @Test
  void unlistedPathsComeAfterListedOnesThenByCreationTime() {
    List<Migration> ms =
        List.of(
            m("u-new", "/u2", "NONSCHEDULED", "2021-01-02T00:00:00.000+0000"),
            m("u-old", "/u1", "NONSCHEDULED", "2021-01-01T00:00:00.000+0000"),
            m("listed-late", "/src", "NONSCHEDULED", "2029-01-01T00:00:00.000+0000"));
    assertEquals(
        List.of("listed-late", "u-old", "u-new"),
        ids(new SchedulingPolicy(9, REFERENCE).plan(ms).queued()));
  }

  @Test
  void createdTimeBeatsStartTimeAndNullsGoLast() {
    List<Migration> ms =
        List.of(
            new Migration("no-times", null, "/p", "NONSCHEDULED", null, null),
            new Migration(
                "start-only", null, "/p", "NONSCHEDULED", null, "2021-01-03T00:00:00.000+0000"),
            // created earlier than anything, though its start time is the latest
            new Migration(
                "created",
                null,
                "/p",
                "NONSCHEDULED",
                "2021-01-01T00:00:00.000+0000",
                "2099-01-01T00:00:00.000+0000"),
            new Migration("garbage", null, "/p", "NONSCHEDULED", "not a time", null));
    assertEquals(
        List.of("created", "start-only", "garbage", "no-times"),
        ids(new SchedulingPolicy(9, PriorityList.empty()).plan(ms).queued()));
  }

  @Test
  void tiesAreBrokenByMigrationIdThenInternalId() {
    String t = "2021-09-01T10:00:00.000+0000";
    List<Migration> ms =
        List.of(
            new Migration("b", "2", "/p", "NONSCHEDULED", null, t),
            new Migration("a", "9", "/p", "NONSCHEDULED", null, t),
            new Migration(null, "1", "/p", "NONSCHEDULED", null, t),
            new Migration("a", "3", "/p", "NONSCHEDULED", null, t));
    List<Migration> queued = new SchedulingPolicy(9, PriorityList.empty()).plan(ms).queued();
    assertEquals(List.of("3", "9", "2", "1"), queued.stream().map(Migration::internalId).toList());
  }

  @Test
  void orderDoesNotDependOnTheOrderLdmListsThem() {
    List<Migration> ms = new ArrayList<>();
    String[] times = {null, "2021-01-01T00:00:00.000+0000", "junk", "2021-01-01T00:00:00Z"};
    String[] paths = {"/repl1", "/src", "/other", null};
    for (int i = 0; i < 40; i++) {
      ms.add(
          new Migration(
              "id" + (i % 7),
              i % 3 == 0 ? null : "i" + i,
              paths[i % 4],
              "NONSCHEDULED",
              null,
              times[i % 4]));
    }
    List<Migration> expected = new SchedulingPolicy(9, REFERENCE).plan(ms).queued();
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      Collections.shuffle(ms, random);
      assertEquals(expected, new SchedulingPolicy(9, REFERENCE).plan(ms).queued());
    }
  }

  @Test
  void candidateWithoutAnyIdIsReportedNotQueued() {
    List<Migration> ms =
        List.of(
            new Migration(null, null, "/repl3", "NONSCHEDULED", null, null),
            new Migration("name-only", null, "/repl1", "NONSCHEDULED", null, null));
    Plan plan = new SchedulingPolicy(5, REFERENCE).plan(ms);
    assertEquals(1, plan.other().size());
    assertEquals(List.of("name-only"), ids(plan.toStart()));
    assertEquals("name-only", plan.toStart().get(0).startId().orElseThrow());
  }

  @Test
  void startIdPrefersInternalId() {
    assertEquals("int-x", m("x", "/p", "NONSCHEDULED", null).startId().orElseThrow());
    assertEquals(
        "x", new Migration("x", "", "/p", "NONSCHEDULED", null, null).startId().orElseThrow());
    assertTrue(new Migration(null, null, "/p", "NONSCHEDULED", null, null).startId().isEmpty());
  }
}
