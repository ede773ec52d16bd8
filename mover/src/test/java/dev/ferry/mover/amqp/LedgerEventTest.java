package dev.ferry.mover.amqp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ledger's JSON form stays what earlier ferry versions wrote and read: streams outlive
 * upgrades. The expected strings are what the data-binding encoder of ferry 2026-11-25 produced.
 */
class LedgerEventTest {
  private static final List<LedgerEvent> EVENTS =
      List.of(
          LedgerEvent.created(
              "j1",
              List.of("r1"),
              Map.of("kind", "copy"),
              List.of(
                  new LedgerEvent.ChainedJob(
                      "j2", Map.of("kind", "delete"), List.of(new byte[] {1, 2, 3}))),
              "w",
              5L),
          new LedgerEvent(
              LedgerEvent.Type.DONE,
              "j1",
              "t1",
              List.of("c1", "c2"),
              Map.of("copied", 3L),
              List.of("/a failed"),
              null,
              null,
              null,
              null,
              new LedgerEvent.Deferred("d1", 2, "body".getBytes(UTF_8), List.of("c1")),
              null,
              "w",
              6L),
          new LedgerEvent(
              LedgerEvent.Type.DONE,
              "j1",
              "t2",
              List.of(),
              Map.of(),
              List.of(),
              List.of(),
              List.of(),
              "",
              Map.of(),
              new LedgerEvent.Deferred("d2", 0, new byte[0]),
              List.of(),
              "w",
              0L),
          LedgerEvent.released("j1", List.of("d1"), "w", 7L),
          LedgerEvent.failed("j1", "t3", List.of("/x"), "dead", "w", 8L),
          LedgerEvent.cancelled("j1", "by admin", "w", 9L),
          LedgerEvent.marker("m1", "w", 10L),
          LedgerEvent.done(
              "j1",
              "t4",
              List.of(),
              new TaskResult(
                  List.of(),
                  null,
                  Map.of("different", 1L),
                  List.of(),
                  List.of("would delete: a/\"b\""),
                  null),
              "w",
              11L),
          LedgerEvent.done(
              "j1",
              "t5",
              List.of(),
              new TaskResult(
                  List.of(),
                  null,
                  Map.of("copied", 1L),
                  List.of(),
                  List.of(),
                  List.of("liblustreapi.so.1 not loaded; copying without layouts"),
                  null),
              "w",
              12L));

  private static final List<String> JSON =
      List.of(
          "{\"type\":\"CREATED\",\"job\":\"j1\",\"tasks\":[\"r1\"],\"attributes\":{\"kind\":\"copy\"},"
              + "\"chain\":[{\"job\":\"j2\",\"attributes\":{\"kind\":\"delete\"},\"roots\":[\"AQID\"]}],"
              + "\"worker\":\"w\",\"at\":5}",
          "{\"type\":\"DONE\",\"job\":\"j1\",\"task\":\"t1\",\"tasks\":[\"c1\",\"c2\"],"
              + "\"counters\":{\"copied\":3},\"failures\":[\"/a failed\"],\"finish\":{\"id\":\"d1\","
              + "\"depth\":2,\"body\":\"Ym9keQ==\",\"after\":[\"c1\"]},\"worker\":\"w\",\"at\":6}",
          "{\"type\":\"DONE\",\"job\":\"j1\",\"task\":\"t2\",\"finish\":{\"id\":\"d2\",\"depth\":0},"
              + "\"worker\":\"w\",\"at\":0}",
          "{\"type\":\"RELEASED\",\"job\":\"j1\",\"tasks\":[\"d1\"],\"worker\":\"w\",\"at\":7}",
          "{\"type\":\"FAILED\",\"job\":\"j1\",\"task\":\"t3\",\"failures\":[\"/x\"],\"reason\":\"dead\","
              + "\"worker\":\"w\",\"at\":8}",
          "{\"type\":\"CANCELLED\",\"job\":\"j1\",\"reason\":\"by admin\",\"worker\":\"w\",\"at\":9}",
          "{\"type\":\"MARKER\",\"job\":\"-\",\"task\":\"m1\",\"worker\":\"w\",\"at\":10}",
          // Since dry-run differences stopped failing distributed jobs: earlier readers ignore it.
          "{\"type\":\"DONE\",\"job\":\"j1\",\"task\":\"t4\",\"counters\":{\"different\":1},"
              + "\"differences\":[\"would delete: a/\\\"b\\\"\"],\"worker\":\"w\",\"at\":11}",
          // Since workers' warnings reach the ledger: earlier readers ignore it.
          "{\"type\":\"DONE\",\"job\":\"j1\",\"task\":\"t5\",\"counters\":{\"copied\":1},"
              + "\"warnings\":[\"liblustreapi.so.1 not loaded; copying without layouts\"],"
              + "\"worker\":\"w\",\"at\":12}");

  @Test
  void writesTheFormEarlierVersionsWrote() {
    for (int i = 0; i < EVENTS.size(); i++) {
      assertEquals(JSON.get(i), new String(EVENTS.get(i).toJson(), UTF_8));
    }
  }

  @Test
  void readsWhatEarlierVersionsWroteBackToTheSameEntry() throws Exception {
    for (String json : JSON) {
      assertEquals(json, new String(LedgerEvent.fromJson(json.getBytes(UTF_8)).toJson(), UTF_8));
    }
    LedgerEvent created = LedgerEvent.fromJson(JSON.get(0).getBytes(UTF_8));
    assertEquals("delete", created.chain().get(0).attributes().get("kind"));
    assertArrayEquals(new byte[] {1, 2, 3}, created.chain().get(0).roots().get(0));
    LedgerEvent done = LedgerEvent.fromJson(JSON.get(1).getBytes(UTF_8));
    assertEquals(3L, done.counters().get("copied"));
    assertEquals(List.of("c1"), done.finish().after());
    assertArrayEquals("body".getBytes(UTF_8), done.finish().body());
    assertNull(LedgerEvent.fromJson(JSON.get(2).getBytes(UTF_8)).finish().body());
  }

  @Test
  void ignoresFieldsItDoesNotKnow() throws Exception {
    LedgerEvent e =
        LedgerEvent.fromJson(
            "{\"type\":\"RELEASED\",\"job\":\"j\",\"later\":{\"x\":[1]},\"at\":3}".getBytes(UTF_8));
    assertEquals(LedgerEvent.released("j", List.of(), null, 3L), e);
  }

  @Test
  void refusesWhatIsNotAnEntry() {
    for (String bad : List.of("[1]", "{\"type\":\"DONE\"}", "{\"type\":\"LATER\",\"job\":\"j\"}")) {
      assertThrows(Exception.class, () -> LedgerEvent.fromJson(bad.getBytes(UTF_8)), bad);
    }
    assertThrows(Exception.class, () -> LedgerEvent.fromJson("not json".getBytes(UTF_8)));
  }
}
