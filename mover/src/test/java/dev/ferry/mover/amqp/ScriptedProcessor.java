package dev.ferry.mover.amqp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A processor for transport tests whose task bodies are small scripts: {@code tree:D:F} spawns F
 * children {@code tree:D-1:F} while D &gt; 0; {@code fail} always throws; {@code permanent} throws
 * a permanent failure; {@code slowtree:D:F:MS} is a tree whose tasks take MS ms; {@code hold} waits
 * until {@link #release} is called, {@code holdtree:D:F} too, then spawns the children of a {@code
 * tree:D:F}; {@code wtree:D:F:DIR} is a tree whose tasks report writing under DIR, whose flush
 * waits while {@link #holdFlushes} is set and fails for {@link #failFlushOf}. Counts every run.
 */
final class ScriptedProcessor implements TaskProcessor {
  final Map<String, AtomicInteger> runsByTask = new ConcurrentHashMap<>();
  final AtomicInteger runs = new AtomicInteger();
  final AtomicInteger ordinaryDone = new AtomicInteger();
  final List<String> metaOrder = java.util.Collections.synchronizedList(new ArrayList<>());
  final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  final List<Path> flushed = java.util.Collections.synchronizedList(new ArrayList<>());
  final CountDownLatch flushing = new CountDownLatch(1);
  volatile CountDownLatch holdFlushes;
  volatile Path failFlushOf;

  static byte[] script(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** How many tasks a {@code tree:D:F} script amounts to, itself included. */
  static int treeSize(int depth, int fanout) {
    int total = 0;
    int level = 1;
    for (int d = 0; d <= depth; d++) {
      total += level;
      level *= fanout;
    }
    return total;
  }

  void release() {
    released.countDown();
  }

  @Override
  public TaskResult process(TaskMessage task) throws Exception {
    runs.incrementAndGet();
    runsByTask.computeIfAbsent(task.taskId(), k -> new AtomicInteger()).incrementAndGet();
    String s = new String(task.body(), StandardCharsets.UTF_8);
    String[] parts = s.split(":");
    switch (parts[0]) {
      case "fail" -> throw new java.io.IOException("simulated I/O error on /src/poison");
      case "permanent" -> throw new PermanentTaskException("/src/gone: No such file or directory");
      case "holdtree" -> {
        // holdtree:D:F — waits until released, then spawns a tree:D:F's children.
        holding.countDown();
        if (!released.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
        List<byte[]> children = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(parts[2]); i++) {
          children.add(script("tree:" + (Integer.parseInt(parts[1]) - 1) + ":" + parts[2]));
        }
        return new TaskResult(children, Map.of("files", 1L), List.of());
      }
      case "hold" -> {
        holding.countDown();
        if (!released.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
        return new TaskResult(List.of(), Map.of("files", 1L), List.of());
      }
      case "slowtree" -> {
        Thread.sleep(Long.parseLong(parts[3]));
        List<byte[]> children = new ArrayList<>();
        int depth = Integer.parseInt(parts[1]);
        for (int i = 0; depth > 0 && i < Integer.parseInt(parts[2]); i++) {
          children.add(script("slowtree:" + (depth - 1) + ":" + parts[2] + ":" + parts[3]));
        }
        return new TaskResult(children, Map.of("files", 1L), List.of());
      }
      case "dtree" -> {
        // dtree:D:F:DEPTH:NAME — a directory with F subdirectories down to D levels, and a
        // deferred "meta" task that must run after its whole subtree.
        int depth = Integer.parseInt(parts[1]);
        int level = Integer.parseInt(parts[3]);
        List<byte[]> children = new ArrayList<>();
        for (int i = 0; depth > 0 && i < Integer.parseInt(parts[2]); i++) {
          children.add(
              script(
                  "dtree:"
                      + (depth - 1)
                      + ":"
                      + parts[2]
                      + ":"
                      + (level + 1)
                      + ":"
                      + parts[4]
                      + i));
        }
        ordinaryDone.incrementAndGet();
        return new TaskResult(
            children,
            new TaskResult.Finish(script("meta:" + parts[4] + ":" + level), level),
            Map.of("dirs", 1L),
            List.of());
      }
      case "meta" -> {
        metaOrder.add(s + " after " + ordinaryDone.get());
        return new TaskResult(List.of(), Map.of("meta", 1L), List.of());
      }
      case "wtree" -> {
        int depth = Integer.parseInt(parts[1]);
        int fanout = Integer.parseInt(parts[2]);
        List<byte[]> children = new ArrayList<>();
        for (int i = 0; depth > 0 && i < fanout; i++) {
          children.add(script("wtree:" + (depth - 1) + ":" + fanout + ":" + parts[3]));
        }
        return new TaskResult(children, null, Map.of("files", 1L), List.of(), Path.of(parts[3]));
      }
      case "tree" -> {
        int depth = Integer.parseInt(parts[1]);
        int fanout = Integer.parseInt(parts[2]);
        List<byte[]> children = new ArrayList<>();
        if (depth > 0) {
          for (int i = 0; i < fanout; i++) {
            children.add(script("tree:" + (depth - 1) + ":" + fanout));
          }
        }
        return new TaskResult(children, Map.of("files", 1L, "bytes", 100L), List.of());
      }
      default -> throw new IllegalArgumentException("bad script " + s);
    }
  }

  @Override
  public void flush(Path root) throws IOException {
    flushing.countDown();
    CountDownLatch hold = holdFlushes;
    if (hold != null) {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    if (root.equals(failFlushOf)) {
      throw new IOException("simulated writeback error on " + root);
    }
    flushed.add(root);
  }

  @Override
  public List<String> describe(byte[] body) {
    return List.of("/src/" + new String(body, StandardCharsets.UTF_8).replace(':', '_'));
  }
}
