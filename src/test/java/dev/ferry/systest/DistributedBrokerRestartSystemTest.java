package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.amqp.BrokerControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker restart in the middle of a distributed copy: the workers and the waiting client
 * reconnect by themselves, the job completes, and the target is exactly the source. The broker is
 * always started again, whatever happens.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DistributedBrokerRestartSystemTest {
  private final DistributedCli cli = new DistributedCli();
  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    cli.killAll();
  }

  @Test
  void workersAndTheWaitingClientRideOutABrokerRestart() throws Exception {
    BrokerControl.requireLocalControl();
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    TreeSample.create(src, 100, 20, 1); // 100 subdirectories of one: they travel in packs
    cli.start(cli.env(), "worker", "--threads", "1", "--name=w1");
    cli.start(cli.env(), "worker", "--threads", "1", "--name=w2");
    Process waiting = cli.start(cli.env(), "copy", src.toString(), dst.toString(), "--wait");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (DistributedCopySystemTest.countFiles(dst) < 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }

    long copiedBeforeRestart = DistributedCopySystemTest.countFiles(dst);
    try {
      BrokerControl.stopApp();
      Thread.sleep(3000);
    } finally {
      BrokerControl.startApp();
    }

    assertTrue(copiedBeforeRestart < 2000, "the job was over before the restart; make it bigger");
    assertTrue(waiting.waitFor(240, TimeUnit.SECONDS), "the waiting client never saw the end");
    DistributedCli.Result r = cli.result(waiting);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.err().contains("succeeded"), r.toString());
    assertEquals(TreeSample.snapshot(src), TreeSample.snapshot(dst));
    try (var leftovers = Files.walk(dst)) {
      assertEquals(
          0, leftovers.filter(p -> p.getFileName().toString().startsWith(".ferry-")).count());
    }
  }
}
