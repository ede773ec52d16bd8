package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.amqp.JobStatus.State;
import dev.ferry.mover.engine.Trees;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wide directory's subdirectories travel in packs, through the real broker, in every pass: the
 * job has that many fewer tasks, a pack whose run was lost counts its work once, and the packed
 * directories' own metadata (a pack of deferred tasks) is set after their subtrees.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DistributedPacksTest {
  private static final Duration EVERY = Duration.ofMillis(50);
  private static final int WIDE = 129; // 43 packs of 3 (ceil(129 / 64) each)
  private static final FileTime OLD = FileTime.fromMillis(1_500_000_000_000L);
  private BrokerFixture broker;
  @TempDir Path dir;
  private Path src;
  private Path dst;

  @BeforeEach
  void wideTree() throws IOException {
    src = dir.resolve("src");
    dst = dir.resolve("dst");
    for (int i = 0; i < WIDE; i++) {
      Path sub = src.resolve(name(i));
      Files.createDirectories(sub.resolve("inner"));
      Files.writeString(sub.resolve("a"), "a" + i);
      Files.writeString(sub.resolve("b"), "b".repeat(i));
      Files.writeString(sub.resolve("inner/c"), "c" + i);
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-x---"));
      Files.setLastModifiedTime(sub.resolve("inner"), FileTime.fromMillis(OLD.toMillis() + i));
      Files.setLastModifiedTime(sub, OLD);
    }
    Files.setLastModifiedTime(src, OLD);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  /**
   * 129 subdirectories of the root, each with two files and a subdirectory of one file. Tasks: the
   * root, 43 packs of 3, 129 inner leaves (a pack's children are few, so one each), the 43 packs of
   * the subdirectories' deferred metadata and the root's. The pack whose run is lost comes back
   * split: 3 tasks of their own, whose 3 deferred tasks replace that pack's one.
   */
  @Test
  void aWideTreeCopiesDeletesAndSetsTimesInPacks() throws Exception {
    broker = new BrokerFixture(5);
    AtomicInteger lostPack = new AtomicInteger();
    // The first run of the pack that holds s004 is lost after its work: it comes back split.
    Predicate<List<Task>> packOfS004 =
        tasks ->
            tasks.get(0) instanceof DirTask
                && tasks.stream().anyMatch(t -> t.path().display().equals("s004"));
    broker.worker(jobs -> new LosingFirstRun(packOfS004, lostPack, jobs), 2, "w1");
    broker.worker(jobs -> new LosingFirstRun(packOfS004, lostPack, jobs), 2, "w2");
    JobClient client = broker.client("client");

    JobStatus copy = run(client, Pass.COPY, src, dst);

    assertEquals(1 + 43 + WIDE + 43 + 1 + 3 + 2, copy.expectedTasks(), copy.toString());
    assertEquals(3, lostPack.get(), "s004's pack was lost");
    assertEquals(3L * WIDE, copy.counter("copied") + copy.counter("skipped"), copy.toString());
    assertEquals(2L * lostPack.get(), copy.counter("skipped"), "counted by the rerun: " + copy);
    assertEquals(2L * WIDE - lostPack.get(), copy.counter("dirs_created"), copy.toString());
    Trees.assertSameTree(src, dst);
    assertSameDirectoryTimes(src, dst);

    for (int i = 0; i < 70; i++) {
      Files.createDirectories(dst.resolve(name(i)).resolve("gone"));
      Files.writeString(dst.resolve("x" + i), "not in the source");
    }
    JobStatus delete = run(client, Pass.DELETE, src, dst);
    assertEquals(140, delete.counter("deleted"), delete.toString());
    Trees.assertSameTree(src, dst);

    JobStatus dirtimes = run(client, Pass.DIRTIMES, src, dst);
    assertEquals(1 + 43 + WIDE + 43 + 1, dirtimes.expectedTasks(), dirtimes.toString());
    assertSameDirectoryTimes(src, dst);

    JobStatus verify = run(client, Pass.VERIFY, src, dst);
    assertEquals(0, verify.counter("failed") + verify.counter("different"), verify.toString());
  }

  /**
   * A directory whose task always throws (a handler's bug, say) leaves its pack to go on alone: it
   * fails by itself after the delivery limit, and the siblings packed with it are copied.
   */
  @Test
  void aPackMemberThatKeepsThrowingFailsAloneAndItsSiblingsAreCopied() throws Exception {
    broker = new BrokerFixture(3);
    EngineTaskProcessor.Handlers engine = PassJobs.handlers(new PosixTargetCreator());
    EngineTaskProcessor.Handlers poisoned =
        (job, attributes, roots) -> {
          TaskHandler h = engine.create(job, attributes, roots);
          return (task, sink) -> {
            if (task instanceof DirTask && task.path().display().equals("s004")) {
              throw new IllegalStateException("poisoned");
            }
            h.handle(task, sink);
          };
        };
    for (String w : List.of("w1", "w2")) {
      broker.worker(jobs -> new EngineTaskProcessor(NamedFilesystems.none(), jobs, poisoned), 2, w);
    }
    JobClient client = broker.client("client");

    String job = CopyJobs.submit(client, Pass.COPY, src, dst);
    JobStatus end = client.await(job, EVERY, s -> {});

    assertEquals(State.FAILED, end.state(), end.toString());
    assertEquals(1, end.failedTasks(), end.toString());
    assertEquals(1, end.failures().size(), end.toString());
    String line = end.failures().get(0);
    assertTrue(line.contains(" s004: failed ") && line.endsWith("poisoned"), line);
    assertEquals(3L * (WIDE - 1), end.counter("copied"), "every file but s004's: " + end);
    for (int i = 0; i < WIDE; i++) {
      assertEquals(i != 4, Files.exists(dst.resolve(name(i)).resolve("inner/c")), name(i));
    }
  }

  private JobStatus run(JobClient client, Pass pass, Path src, Path dst) throws Exception {
    String job = CopyJobs.submit(client, pass, src, dst);
    JobStatus end = client.await(job, EVERY, s -> {});
    assertEquals(State.SUCCEEDED, end.state(), pass + ": " + end);
    assertEquals(end.expectedTasks(), end.finishedTasks(), end.toString());
    return end;
  }

  private static String name(int i) {
    return String.format("s%03d", i);
  }

  private static void assertSameDirectoryTimes(Path src, Path dst) throws IOException {
    try (Stream<Path> all = Files.walk(src)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isDirectory)::iterator) {
        Path rel = src.relativize(p);
        assertEquals(
            Files.getLastModifiedTime(p),
            Files.getLastModifiedTime(dst.resolve(rel)),
            "mtime of directory '" + rel + "'");
      }
    }
  }
}
