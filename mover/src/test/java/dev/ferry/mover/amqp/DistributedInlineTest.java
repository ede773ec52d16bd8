package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.mover.amqp.JobStatus.State;
import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's fewer tasks through the real broker: a leaf directory is one task (its files and its
 * metadata included), only full batches and the metadata of directories with children are tasks of
 * their own, and the ledger counts a leaf's work once, also when its task ran twice.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DistributedInlineTest {
  private static final Duration EVERY = Duration.ofMillis(50);
  private BrokerFixture broker;
  @TempDir Path dir;

  @AfterEach
  void cleanUp() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  /**
   * Three leaf directories of 10 files, and one of 300: 1 root listing, 4 directory listings, 2
   * full batches of the big directory, and the deferred metadata of the root and of the big
   * directory (the leaves set theirs in their own tasks).
   */
  @Test
  void leavesAreOneTaskEachAndTheirWorkIsCountedOnceAfterARedelivery() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    for (int d = 0; d < 3; d++) {
      files(src.resolve("leaf" + d), 10);
    }
    files(src.resolve("wide"), 300);
    broker = new BrokerFixture(5);
    AtomicInteger lost = new AtomicInteger();
    // leaf0's first run does all its work, then its worker loses the task (as a kill -9 after
    // the work and before the acknowledgement would): the broker delivers it again.
    Predicate<List<Task>> leaf0 =
        tasks -> tasks.get(0) instanceof DirTask d && d.path().display().equals("leaf0");
    broker.worker(jobs -> new LosingFirstRun(leaf0, lost, jobs), 2, "w1");
    broker.worker(jobs -> new LosingFirstRun(leaf0, lost, jobs), 2, "w2");
    JobClient client = broker.client("client");
    String job = submit(client, src, dst);

    JobStatus end = client.await(job, EVERY, s -> {});

    assertEquals(State.SUCCEEDED, end.state(), end.toString());
    assertEquals(1, lost.get(), "leaf0's task was run twice");
    assertEquals(1 + 4 + 2 + 2, end.expectedTasks(), end.toString());
    assertEquals(end.expectedTasks(), end.finishedTasks(), end.toString());
    // leaf0 counted by its second run only: its files skipped, its directory there already.
    assertEquals(320, end.counter("copied"), end.toString());
    assertEquals(10, end.counter("skipped"), end.toString());
    assertEquals(3, end.counter("dirs_created"), end.toString());
    assertEquals(4, end.counter("dirs_updated"), "the root, leaf1, leaf2, wide: " + end);
    assertEquals(4 + 330, end.counter("scanned"), end.toString());
    for (String d : List.of("leaf0", "leaf1", "leaf2", "wide")) {
      assertEquals(
          Files.getLastModifiedTime(src.resolve(d)),
          Files.getLastModifiedTime(dst.resolve(d)),
          d + " metadata");
    }
    assertArrayEquals(
        Files.readAllBytes(src.resolve("wide/f299")), Files.readAllBytes(dst.resolve("wide/f299")));
    try (var names = Files.list(dst.resolve("wide"))) {
      assertEquals(300, names.count());
    }
  }

  private String submit(JobClient client, Path src, Path dst) throws Exception {
    return CopyJobs.submit(
        client, src, dst, PassConfig.DEFAULT_CHUNK_THRESHOLD, PassConfig.DEFAULT_CHUNK_SIZE);
  }

  private static void files(Path d, int n) throws IOException {
    Files.createDirectories(d);
    for (int i = 0; i < n; i++) {
      Files.write(d.resolve("f" + i), ("content " + i).getBytes(StandardCharsets.UTF_8));
    }
  }
}
