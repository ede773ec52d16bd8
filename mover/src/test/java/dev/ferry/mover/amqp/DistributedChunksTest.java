package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.amqp.JobStatus.State;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.task.ChunkTask;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskCodec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large files in distributed mode: their chunks run on any worker, and the job's ledger decides
 * when a file's commit runs. Two worker nodes in this JVM, the real broker, the real engine.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DistributedChunksTest {
  private static final int MIB = 1 << 20;
  private static final Duration EVERY = Duration.ofMillis(50);
  private final TaskCodec codec = new TaskCodec();
  private BrokerFixture broker;
  @TempDir Path dir;

  @AfterEach
  void cleanUp() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  /** The engine's processor, counting the chunk tasks it ran, and able to fail some. */
  private final class Recording implements TaskProcessor {
    private final TaskProcessor engine;
    private final Predicate<ChunkTask> before;
    final AtomicInteger chunks = new AtomicInteger();

    Recording(JobDirectory jobs, Predicate<ChunkTask> before) {
      this.engine =
          new EngineTaskProcessor(
              NamedFilesystems.none(), jobs, PassJobs.handlers(new PosixTargetCreator()));
      this.before = before;
    }

    @Override
    public TaskResult process(TaskMessage task) throws Exception {
      Task t = codec.decode(task.body());
      if (t instanceof ChunkTask c) {
        chunks.incrementAndGet();
        if (!before.test(c)) {
          throw new PermanentTaskException("scripted failure of chunk " + c.index());
        }
      }
      return engine.process(task);
    }

    @Override
    public List<String> describe(byte[] body) {
      return engine.describe(body);
    }
  }

  private String submit(JobClient client, Path src, Path dst) throws Exception {
    return CopyJobs.submit(client, src, dst, MIB, MIB);
  }

  @Test
  void chunksOfOneFileRunOnBothWorkersAndTheJobEndsOnlyWhenEveryFileIsCommitted() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    byte[] big = random(6 * MIB + 123, 1);
    write(src.resolve("a/big"), big);
    write(src.resolve("a/big2"), random(3 * MIB, 2));
    write(src.resolve("a/small"), "small".getBytes());
    Path holey = src.resolve("a/b/holey");
    Files.createDirectories(holey.getParent());
    try (RandomAccessFile f = new RandomAccessFile(holey.toFile(), "rw")) {
      f.setLength(8L * MIB); // holes at the start and at the end
      f.seek(3L * MIB + 5);
      f.write(random(5000, 3));
    }
    broker = new BrokerFixture(5);
    // The first chunk on w1 waits until w2 has taken a chunk too: the chunks must be shared.
    CountDownLatch w2Started = new CountDownLatch(1);
    List<Recording> processors = new ArrayList<>();
    broker.worker(
        jobs -> add(processors, new Recording(jobs, c -> awaitQuietly(w2Started))), 2, "w1");
    broker.worker(
        jobs ->
            add(
                processors,
                new Recording(
                    jobs,
                    c -> {
                      w2Started.countDown();
                      return true;
                    })),
        2,
        "w2");
    JobClient client = broker.client("client");
    String job = submit(client, src, dst);

    List<String> early = new ArrayList<>();
    JobStatus end =
        client.await(
            job,
            EVERY,
            s -> {
              if (s.state().terminal()) {
                early.addAll(incomplete(src, dst)); // the target as --wait would show it
              }
            });

    assertEquals(State.SUCCEEDED, end.state(), end.toString());
    assertEquals(List.of(), early, "the job was reported over before these were in place");
    assertArrayEquals(big, Files.readAllBytes(dst.resolve("a/big")));
    assertArrayEquals(Files.readAllBytes(holey), Files.readAllBytes(dst.resolve("a/b/holey")));
    assertEquals(
        Files.getLastModifiedTime(holey), Files.getLastModifiedTime(dst.resolve("a/b/holey")));
    assertTrue(
        (Long) Files.getAttribute(dst.resolve("a/b/holey"), "unix:size") > 0
            && allocated(dst.resolve("a/b/holey")) < MIB,
        "the holes were filled in");
    assertEquals(4, end.counter("copied"), end.toString());
    assertEquals(2, processors.size());
    assertTrue(processors.get(0).chunks.get() > 0, "w1 ran no chunk");
    assertTrue(processors.get(1).chunks.get() > 0, "w2 ran no chunk");
    assertEquals(7 + 3 + 8, processors.get(0).chunks.get() + processors.get(1).chunks.get());
    assertEquals(List.of(), temporaries(dst));
  }

  @Test
  void aFailedChunkLeavesTheFileUnderItsTemporaryNameAndTheItemFailed() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    write(src.resolve("big"), random(4 * MIB, 4));
    write(src.resolve("fine"), random(2 * MIB, 5));
    broker = new BrokerFixture(2);
    broker.worker(
        jobs -> new Recording(jobs, c -> !(c.path().display().equals("big") && c.index() == 2)),
        2,
        "w1");
    JobClient client = broker.client("client");
    String job = submit(client, src, dst);

    JobStatus end = client.await(job, EVERY, s -> {});

    assertEquals(State.FAILED, end.state(), end.toString());
    assertFalse(Files.exists(dst.resolve("big")), "a file with a missing chunk was published");
    assertEquals(1, temporaries(dst).size(), "the partial copy keeps its temporary name");
    assertTrue(
        end.failures().stream().anyMatch(f -> f.contains("big") && f.contains("not committed")),
        end.failures().toString());
    assertArrayEquals(
        Files.readAllBytes(src.resolve("fine")), Files.readAllBytes(dst.resolve("fine")));
    assertEquals(1, end.counter("copied"), end.toString());
  }

  private static <T> T add(List<T> list, T item) {
    synchronized (list) {
      list.add(item);
    }
    return item;
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Source files whose target is missing or has other content. */
  private static List<String> incomplete(Path src, Path dst) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = dst.resolve(src.relativize(p));
        if (Files.isRegularFile(p)
            && (!Files.exists(t)
                || !java.util.Arrays.equals(Files.readAllBytes(p), Files.readAllBytes(t)))) {
          out.add(src.relativize(p).toString());
        }
      }
    } catch (IOException e) {
      out.add("unreadable: " + e);
    }
    return out;
  }

  private static List<Path> temporaries(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".ferry-")).toList();
    }
  }

  private static long allocated(Path p) throws Exception {
    Process stat = new ProcessBuilder("stat", "-c", "%b", p.toString()).start();
    String out = new String(stat.getInputStream().readAllBytes()).strip();
    stat.waitFor();
    return Long.parseLong(out) * 512;
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static void write(Path p, byte[] content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.write(p, content);
  }
}
