package dev.ferry.mover.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.mover.fs.RawPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskCodecTest {
  private static final TaskScope SCOPE = new TaskScope("job-1", Pass.COPY, "/src", "/dst");
  private static final EntryStat STAT =
      new EntryStat(
          0100644,
          42,
          1_600_000_000_123_456_789L,
          5L,
          1000,
          100,
          65024,
          77,
          2,
          0,
          1_700_000_000_1L);
  private final TaskCodec codec = new TaskCodec();

  private static byte[] weird() {
    return new byte[] {'a', (byte) 0xff, '\n', '%', 'b', (byte) 0xc3, (byte) 0xa9};
  }

  @Test
  void namesThatAreNotUtf8RoundTripThroughJson() {
    RelPath dir = RelPath.ofBytes(concat("d/".getBytes(StandardCharsets.US_ASCII), weird()));
    Path name = RawPaths.path(weird());
    Task t = new FileBatchTask(SCOPE, dir, List.of(new BatchEntry(name, STAT)));

    byte[] wire = codec.encode(t);
    FileBatchTask back = (FileBatchTask) codec.decode(wire);

    assertArrayEquals(dir.bytes(), back.path().bytes());
    assertArrayEquals(weird(), RawPaths.bytes(back.entries().get(0).name()));
    assertEquals(t, back);
    assertEquals(codec.taskId(t), codec.taskId(back));
  }

  /**
   * The wire bytes and the task id of one task, as the codec wrote them when it still used
   * ObjectMapper: the task id is a hash of these bytes, so they must never drift.
   */
  @Test
  void theEncodingAndTheTaskIdDoNotDrift() {
    RelPath dir = RelPath.ofBytes(concat("d/".getBytes(StandardCharsets.US_ASCII), weird()));
    Task t =
        new FileBatchTask(
            SCOPE,
            dir,
            List.of(
                new BatchEntry(RawPaths.path(weird()), STAT),
                new BatchEntry(Path.of("\u00e9t\u00e9 \"q\""), STAT)));
    assertEquals(GOLDEN, new String(codec.encode(t), StandardCharsets.UTF_8));
    assertEquals(GOLDEN_ID, codec.taskId(t));
  }

  private static final String GOLDEN_STAT =
      "{\"mode\":33188,\"size\":42,\"mtime\":1600000000123456789,\"atime\":5,\"uid\":1000,"
          + "\"gid\":100,\"dev\":65024,\"ino\":77,\"nlink\":2,\"rdev\":0,\"ctime\":17000000001}";
  private static final String GOLDEN =
      "{\"v\":1,\"kind\":\"files\",\"job\":\"job-1\",\"pass\":\"COPY\",\"source\":\"/src\","
          + "\"target\":\"/dst\",\"path\":\"d/a%FF%0A%25b%C3%A9\",\"entries\":["
          + "{\"name\":\"a%FF%0A%25b%C3%A9\",\"stat\":"
          + GOLDEN_STAT
          + "},{\"name\":\"%C3%A9t%C3%A9 \\\"q\\\"\",\"stat\":"
          + GOLDEN_STAT
          + "}]}";
  private static final String GOLDEN_ID = "63bd66631fc99751f4f902b4ea5e5247";

  @Test
  void everyKindRoundTrips() {
    RelPath p = RelPath.of(Path.of("x/y"));
    List<Task> tasks =
        List.of(
            new DirTask(SCOPE, p, STAT),
            new DirTask(SCOPE, RelPath.ROOT, null),
            new DirMetaTask(SCOPE, p, STAT),
            new DeleteTask(new TaskScope("j", Pass.DELETE, "a", "b"), p),
            new ChunkTask(SCOPE, p, STAT, 1 << 20, 1 << 20, 1, 3),
            new SplitTask(SCOPE, p, STAT),
            new CommitTask(SCOPE, p, STAT),
            new FileBatchTask(SCOPE, p, List.of()));
    for (Task t : tasks) {
      assertEquals(t, codec.decode(codec.encode(t)), TaskCodec.kind(t));
    }
    assertEquals(
        List.of("split", "commit"),
        List.of(TaskCodec.kind(tasks.get(5)), TaskCodec.kind(tasks.get(6))));
  }

  @Test
  void aPackOfSiblingDirectoriesRoundTripsAndASingleTaskDecodesAsOne() {
    List<Task> dirs =
        List.of(
            new DirTask(SCOPE, RelPath.of(Path.of("p/a")), STAT),
            new DirTask(SCOPE, RelPath.ofBytes(concat("p/".getBytes(), weird())), STAT));
    List<Task> metas =
        List.of(
            new DirMetaTask(SCOPE, RelPath.of(Path.of("b")), STAT),
            new DirMetaTask(SCOPE, RelPath.of(Path.of("c")), STAT));

    assertEquals(dirs, codec.decodeAll(codec.encodePack(dirs)));
    assertEquals(metas, codec.decodeAll(codec.encodePack(metas)));
    assertEquals(dirs.subList(0, 1), codec.decodeAll(codec.encode(dirs.get(0))));
    assertThrows(
        IllegalArgumentException.class,
        () -> codec.decode(codec.encodePack(dirs)),
        "a reader of single tasks must not take a pack for one");
  }

  @Test
  void aPackHoldsOnlyDirectoryTasksOfOneDirectoryOneKindAndOneJob() {
    DirTask a = new DirTask(SCOPE, RelPath.of(Path.of("p/a")), STAT);
    List<List<Task>> bad =
        List.of(
            List.of(),
            List.of(a, new DirTask(SCOPE, RelPath.of(Path.of("q/b")), STAT)),
            List.of(a, new DirTask(SCOPE, RelPath.of(Path.of("p/a/deeper")), STAT)),
            List.of(a, new DirMetaTask(SCOPE, RelPath.of(Path.of("p/b")), STAT)),
            List.of(
                a, new DirTask(new TaskScope("job-2", Pass.COPY, "/src", "/dst"), a.path(), STAT)),
            List.of(new DirTask(SCOPE, RelPath.ROOT, null)),
            List.of(
                new DirMetaTask(SCOPE, RelPath.ROOT, STAT),
                new DirMetaTask(SCOPE, RelPath.of(Path.of("x")), STAT)),
            List.of(new FileBatchTask(SCOPE, RelPath.of(Path.of("p")), List.of())),
            java.util.Collections.nCopies(TaskCodec.MAX_PACK + 1, a));
    for (List<Task> pack : bad) {
      assertThrows(IllegalArgumentException.class, () -> codec.encodePack(pack), pack.toString());
    }
    // The same refusals when a pack comes off the wire, written by someone else.
    String one = new String(codec.encode(a), StandardCharsets.UTF_8);
    String other =
        new String(
            codec.encode(new DirTask(SCOPE, RelPath.of(Path.of("q/b")), STAT)),
            StandardCharsets.UTF_8);
    for (String members :
        List.of("", one + "," + other, "{\"v\":1,\"kind\":\"pack\",\"tasks\":[" + one + "]}")) {
      byte[] wire =
          ("{\"v\":1,\"kind\":\"pack\",\"tasks\":[" + members + "]}")
              .getBytes(StandardCharsets.UTF_8);
      assertThrows(IllegalArgumentException.class, () -> codec.decodeAll(wire), members);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> codec.decodeAll("{\"v\":1,\"kind\":\"pack\"}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void refusesPathsThatEscapeTheRoot() {
    String json =
        "{\"v\":1,\"kind\":\"delete\",\"job\":\"j\",\"pass\":\"DELETE\",\"source\":\"s\","
            + "\"target\":\"t\",\"path\":\"a/../../etc\"}";
    assertThrows(
        IllegalArgumentException.class, () -> codec.decode(json.getBytes(StandardCharsets.UTF_8)));
    String absolute = json.replace("a/../../etc", "/etc");
    assertThrows(
        IllegalArgumentException.class,
        () -> codec.decode(absolute.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aStatWithoutCtimeDecodesAsUnknown() {
    // Tasks queued by a ferry that did not send ctime yet (a rolling upgrade) still decode.
    String json =
        "{\"v\":1,\"kind\":\"dirmeta\",\"job\":\"j\",\"pass\":\"COPY\",\"source\":\"s\","
            + "\"target\":\"t\",\"path\":\"a\",\"stat\":{\"mode\":33188,\"size\":42,"
            + "\"mtime\":7,\"atime\":5,\"uid\":1000,\"gid\":100,\"dev\":1,\"ino\":77,"
            + "\"nlink\":1,\"rdev\":0}}";
    DirMetaTask t = (DirMetaTask) codec.decode(json.getBytes(StandardCharsets.UTF_8));
    assertEquals(EntryStat.UNKNOWN_CTIME, t.source().ctimeNanos());
    assertEquals(7, t.source().mtimeNanos());
    String withCtime = json.replace("\"rdev\":0}", "\"rdev\":0,\"ctime\":99}");
    DirMetaTask c = (DirMetaTask) codec.decode(withCtime.getBytes(StandardCharsets.UTF_8));
    assertEquals(99, c.source().ctimeNanos());
    String bad = json.replace("\"rdev\":0}", "\"rdev\":0,\"ctime\":\"soon\"}");
    assertThrows(
        IllegalArgumentException.class, () -> codec.decode(bad.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void refusesGarbage() {
    assertThrows(IllegalArgumentException.class, () -> codec.decode("nope".getBytes()));
    assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"v\":9}".getBytes()));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
