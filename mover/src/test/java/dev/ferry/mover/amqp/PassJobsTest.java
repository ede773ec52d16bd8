package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.engine.Preserve;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.TaskCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
            PassConfig.DEFAULT_CHUNK_THRESHOLD,
            PassConfig.DEFAULT_CHUNK_SIZE,
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
    assertEquals(Long.MAX_VALUE, local.chunkThreshold(), "no chunks across nodes");
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
}
