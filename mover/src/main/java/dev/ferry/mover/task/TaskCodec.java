package dev.ferry.mover.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.mover.fs.PercentEncoding;
import dev.ferry.mover.fs.RawPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Tasks as JSON (UTF-8 bytes), for transports that cross process boundaries. Paths and names are
 * raw byte strings, percent-encoded (printable ASCII other than {@code %} stays readable), so any
 * POSIX name round-trips. The format is described in {@code docs/task-protocol.md}.
 */
public final class TaskCodec {
  /** The format version, in every message as {@code "v"}. */
  public static final int VERSION = 1;

  /** Most tasks one pack may hold. */
  public static final int MAX_PACK = 64;

  public byte[] encode(Task task) {
    return JsonTree.write(toJson(task));
  }

  /** Decodes one task; throws {@link IllegalArgumentException} for anything malformed. */
  public Task decode(byte[] bytes) {
    return task(parse(bytes));
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return JsonTree.read(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("task is not JSON: " + e.getMessage(), e);
    }
  }

  private Task task(JsonNode n) {
    if (!n.isObject() || n.path("v").asInt() != VERSION) {
      throw new IllegalArgumentException("not a ferry task of version " + VERSION);
    }
    try {
      return fromJson(n);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed task: " + e.getMessage(), e);
    }
  }

  /**
   * Several sibling directory tasks in one message ({@code "kind":"pack"}), which a worker runs one
   * after the other as one task: one delivery, one acknowledgement and one ledger entry instead of
   * one each. Only {@code dir} tasks of one directory, or the {@code dirmeta} tasks they leave, are
   * packed; see {@code docs/task-protocol.md}.
   */
  public byte[] encodePack(List<? extends Task> tasks) {
    checkPack(tasks);
    ObjectNode n = JsonTree.object();
    n.put("v", VERSION);
    n.put("kind", "pack");
    ArrayNode members = n.putArray("tasks");
    for (Task t : tasks) {
      members.add(toJson(t));
    }
    return JsonTree.write(n);
  }

  /**
   * Decodes a message: the one task it holds, or the tasks of a pack; throws {@link
   * IllegalArgumentException} for anything malformed, including a pack that is not of siblings.
   */
  public List<Task> decodeAll(byte[] bytes) {
    JsonNode n = parse(bytes);
    if (!"pack".equals(n.path("kind").asText())) {
      return List.of(task(n));
    }
    JsonNode members = n.get("tasks");
    if (members == null || !members.isArray() || members.isEmpty()) {
      throw new IllegalArgumentException("malformed task: a pack without tasks");
    }
    List<Task> tasks = new ArrayList<>(members.size());
    for (JsonNode m : members) {
      tasks.add(task(m));
    }
    try {
      checkPack(tasks);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed task: " + e.getMessage(), e);
    }
    return tasks;
  }

  private static void checkPack(List<? extends Task> tasks) {
    if (tasks.isEmpty() || tasks.size() > MAX_PACK) {
      throw new IllegalArgumentException("a pack holds 1 to " + MAX_PACK + " tasks");
    }
    Task first = tasks.get(0);
    for (Task t : tasks) {
      boolean packable = t instanceof DirTask || t instanceof DirMetaTask;
      if (!packable
          || t.path().isRoot()
          || t.getClass() != first.getClass()
          || !t.scope().equals(first.scope())
          || !t.path().parent().equals(first.path().parent())) {
        throw new IllegalArgumentException(
            "a pack holds directory tasks of one directory, of one kind and one job's pass");
      }
    }
  }

  /**
   * A deterministic id for a task (the same task always gets the same id): the SHA-256 of its
   * encoding, first 16 bytes in hex. For ledgers that must recognise a redelivered task.
   */
  public String taskId(Task task) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(encode(task));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode toJson(Task task) {
    ObjectNode n = JsonTree.object();
    n.put("v", VERSION);
    n.put("kind", kind(task));
    TaskScope s = task.scope();
    n.put("job", s.jobId()).put("pass", s.pass().name());
    n.put("source", s.source()).put("target", s.target());
    n.put("path", PercentEncoding.encode(task.path().bytes()));
    if (task instanceof DirTask d) {
      putStat(n, "stat", d.source());
    } else if (task instanceof DirMetaTask m) {
      putStat(n, "stat", m.source());
    } else if (task instanceof SplitTask t) {
      putStat(n, "stat", t.source());
    } else if (task instanceof CommitTask t) {
      putStat(n, "stat", t.source());
    } else if (task instanceof ChunkTask c) {
      putStat(n, "stat", c.source());
      n.put("offset", c.offset()).put("length", c.length());
      n.put("index", c.index()).put("count", c.count());
    } else if (task instanceof FileBatchTask b) {
      ArrayNode entries = n.putArray("entries");
      for (BatchEntry e : b.entries()) {
        ObjectNode en = entries.addObject();
        en.put("name", PercentEncoding.encode(RawPaths.bytes(e.name())));
        putStat(en, "stat", e.source());
      }
    }
    return n;
  }

  /** The wire name of a task's kind. */
  public static String kind(Task task) {
    if (task instanceof DirTask) {
      return "dir";
    } else if (task instanceof FileBatchTask) {
      return "files";
    } else if (task instanceof ChunkTask) {
      return "chunk";
    } else if (task instanceof SplitTask) {
      return "split";
    } else if (task instanceof CommitTask) {
      return "commit";
    } else if (task instanceof DeleteTask) {
      return "delete";
    }
    return "dirmeta";
  }

  private Task fromJson(JsonNode n) {
    TaskScope scope =
        new TaskScope(
            text(n, "job"), Pass.valueOf(text(n, "pass")), text(n, "source"), text(n, "target"));
    RelPath path = RelPath.ofBytes(PercentEncoding.decode(text(n, "path")));
    String kind = text(n, "kind");
    return switch (kind) {
      case "dir" -> new DirTask(scope, path, stat(n.get("stat")));
      case "dirmeta" -> new DirMetaTask(scope, path, stat(required(n, "stat")));
      case "delete" -> new DeleteTask(scope, path);
      case "chunk" ->
          new ChunkTask(
              scope,
              path,
              stat(required(n, "stat")),
              required(n, "offset").asLong(),
              required(n, "length").asLong(),
              required(n, "index").asInt(),
              required(n, "count").asInt());
      case "split" -> new SplitTask(scope, path, stat(required(n, "stat")));
      case "commit" -> new CommitTask(scope, path, stat(required(n, "stat")));
      case "files" -> new FileBatchTask(scope, path, entries(required(n, "entries")));
      default -> throw new IllegalArgumentException("unknown task kind " + kind);
    };
  }

  private static List<BatchEntry> entries(JsonNode array) {
    List<BatchEntry> out = new ArrayList<>(array.size());
    for (JsonNode e : array) {
      Path name = RawPaths.path(PercentEncoding.decode(text(e, "name")));
      if (name.getNameCount() != 1 || name.isAbsolute() || name.toString().equals("..")) {
        throw new IllegalArgumentException("bad entry name");
      }
      out.add(new BatchEntry(name, stat(required(e, "stat"))));
    }
    return out;
  }

  private static void putStat(ObjectNode n, String field, EntryStat s) {
    if (s == null) {
      return;
    }
    ObjectNode o = n.putObject(field);
    o.put("mode", s.mode()).put("size", s.size());
    o.put("mtime", s.mtimeNanos()).put("atime", s.atimeNanos());
    o.put("uid", s.uid()).put("gid", s.gid());
    o.put("dev", s.dev()).put("ino", s.ino()).put("nlink", s.nlink()).put("rdev", s.rdev());
    if (s.ctimeNanos() != EntryStat.UNKNOWN_CTIME) {
      o.put("ctime", s.ctimeNanos());
    }
  }

  private static EntryStat stat(JsonNode o) {
    if (o == null || o.isNull()) {
      return null;
    }
    return new EntryStat(
        required(o, "mode").asInt(),
        required(o, "size").asLong(),
        required(o, "mtime").asLong(),
        required(o, "atime").asLong(),
        required(o, "uid").asInt(),
        required(o, "gid").asInt(),
        required(o, "dev").asLong(),
        required(o, "ino").asLong(),
        required(o, "nlink").asInt(),
        required(o, "rdev").asLong(),
        ctime(o.get("ctime")));
  }

  /** Optional: tasks encoded before ctime was sent lack it, which means unknown. */
  private static long ctime(JsonNode v) {
    if (v == null || v.isNull()) {
      return EntryStat.UNKNOWN_CTIME;
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException("bad field ctime");
    }
    return v.asLong();
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    return required(n, field).asText();
  }
}
