package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.engine.Preserve;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.TaskCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A pass's options reach every worker unchanged, around that worker's own roots. */
class PassJobsTest {
  @Test
  void optionsTravelInTheAttributesAndWorkersRebuildThemAroundLocalRoots() {
    PassConfig typed =
        new PassConfig(
            "sync",
            List.of(Pass.COPY, Pass.DELETE, Pass.DIRTIMES),
            Path.of("panda:/user_xyz"),
            Path.of("badger:/user_xyz"),
            8,
            true,
            Duration.ofDays(90),
            Duration.ofMinutes(30),
            List.of("*.tmp", "scratch/**"),
            true,
            8L << 20,
            2L << 20,
            EnumSet.of(Preserve.MODE, Preserve.TIMES),
            true,
            false);
    Map<String, String> a =
        PassJobs.attributes(
            typed, Pass.DELETE, "panda:/user_xyz", "badger:/user_xyz", Instant.ofEpochMilli(7));

    assertEquals("sync", a.get("kind"));
    assertEquals("panda:/user_xyz", a.get("source"));
    PassConfig local = PassJobs.config(a, Path.of("/mnt/p/user_xyz"), Path.of("/mnt/b/user_xyz"));
    assertEquals(List.of(Pass.DELETE), local.passes());
    assertEquals(Path.of("/mnt/p/user_xyz"), local.source());
    assertEquals(Path.of("/mnt/b/user_xyz"), local.target());
    assertEquals(typed.excludes(), local.excludes());
    assertEquals(typed.skipAtimeOlder(), local.skipAtimeOlder());
    assertEquals(typed.skipMtimeNewer(), local.skipMtimeNewer());
    assertEquals(typed.preserve(), local.preserve());
    assertTrue(local.dryRun() && local.checksum() && local.allowEmptySource());
    assertEquals(8L << 20, local.chunkThreshold(), "every worker splits files the same way");
    assertEquals(2L << 20, local.chunkSize());
  }

  @Test
  void theRootTaskIsThePassRootDirectory() {
    DirTask root =
        (DirTask) new TaskCodec().decode(PassJobs.root("j1", Pass.COPY, "panda:/a", "/data/b"));
    assertTrue(root.path().isRoot());
    assertEquals("j1", root.scope().jobId());
    assertEquals("panda:/a", root.scope().source());
    assertEquals("/data/b", root.scope().target());
  }

  @Test
  void eachJobGetsACreatorOfItsOwnAroundItsLocalRootsAndARefusalIsNotKept() {
    PassConfig typed =
        new PassConfig(
            "copy",
            List.of(Pass.COPY),
            Path.of("panda:/a"),
            Path.of("/data/b"),
            8,
            false,
            null,
            null,
            List.of(),
            false,
            PassConfig.DEFAULT_CHUNK_THRESHOLD,
            PassConfig.DEFAULT_CHUNK_SIZE,
            EnumSet.noneOf(Preserve.class),
            false,
            false);
    Map<String, String> old =
        PassJobs.attributes(typed, Pass.COPY, "panda:/a", "/data/b", Instant.ofEpochMilli(7));
    Map<String, String> withLustre = new HashMap<>(old);
    withLustre.put("lustre", "{\"target\":\"on\"}");
    Roots roots = new Roots(Map.of("panda:/a", Path.of("/mnt/p/a"), "/data/b", Path.of("/data/b")));
    List<String> built = new ArrayList<>();
    AtomicBoolean refuseOnce = new AtomicBoolean(true);
    EngineTaskProcessor.Handlers handlers =
        PassJobs.handlers(
            (job, a, cfg) -> {
              built.add(job + " " + cfg.source() + " " + a.get("lustre"));
              if (job.equals("j3") && refuseOnce.getAndSet(false)) {
                throw new IllegalStateException("not on this node");
              }
              return new PosixTargetCreator();
            });

    handlers.create("j1", withLustre, roots);
    handlers.create("j1", withLustre, roots);
    handlers.create("j2", old, roots);
    assertThrows(IllegalStateException.class, () -> handlers.create("j3", old, roots));
    handlers.create("j3", old, roots);
    handlers.create("j3", old, roots);

    assertEquals(
        List.of(
            "j1 /mnt/p/a {\"target\":\"on\"}",
            "j2 /mnt/p/a null",
            "j3 /mnt/p/a null",
            "j3 /mnt/p/a null"),
        built);
  }
}
