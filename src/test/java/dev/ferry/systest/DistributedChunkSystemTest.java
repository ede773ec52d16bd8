package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large files copied in chunks by several {@code ferry worker} processes: the packaged binary, a
 * real broker, 1 MiB chunks.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DistributedChunkSystemTest {
  private static final int MIB = 1 << 20;
  private final DistributedCli cli = new DistributedCli();
  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    cli.killAll();
  }

  private Process worker(String name, String threads) throws Exception {
    Process p = cli.start(cli.env(), "worker", "--threads", threads, "--name=" + name);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!cli.errSoFar(p).contains("running tasks from") && System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), "worker " + name + " ended: " + cli.errSoFar(p));
      Thread.sleep(100);
    }
    return p;
  }

  @Test
  void twoWorkersShareTheChunksOfLargeFilesAndTheTargetIsIdentical() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    TreeSample.create(src, 3, 5); // small files, links, a sparse file of 8 MiB
    randomFile(src.resolve("big/one"), 24L * MIB + 77, 1);
    randomFile(src.resolve("big/two"), 9L * MIB, 2);
    Path holey = src.resolve("big/holey");
    try (RandomAccessFile f = new RandomAccessFile(holey.toFile(), "rw")) {
      f.setLength(32L * MIB); // holes at both ends and between two islands of data
      f.seek(5L * MIB + 3);
      f.write(random(3 * MIB, 3));
      f.seek(20L * MIB);
      f.write(random(100, 4));
    }
    worker("w1", "2");
    worker("w2", "2");

    DistributedCli.Result r =
        cli.run(
            "copy",
            src.toString(),
            dst.toString(),
            "--chunk-threshold=1M",
            "--chunk-size=1M",
            "--wait");

    assertEquals(0, r.exit(), r.toString());
    // --wait returned: every file must be in place already, commits included.
    assertEquals(TreeSample.snapshot(src), TreeSample.snapshot(dst));
    assertEquals(List.of(), temporaries(dst));
    assertTrue(TreeSample.allocatedBytes(dst.resolve("big/holey")) < 5L * MIB, "holes filled");
    assertTrue(
        TreeSample.allocatedBytes(dst.resolve("special/sparse")) < MIB, "the sparse file filled");
    List<JsonNode> ledger = LedgerEntries.read(cli.brokerUri, cli.prefix);
    assertEquals(25 + 9 + 32 + 8, LedgerEntries.chunkCount(ledger), "every file of 1M+ chunked");
    assertEquals(Set.of("w1", "w2"), LedgerEntries.chunkWorkers(ledger));
  }

  @Test
  void aWorkerKilledInTheMiddleOfAFileLeavesNoTraceOnceTheJobIsDone() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    randomFile(src.resolve("huge"), 96L * MIB + 5, 5);
    Files.writeString(src.resolve("small"), "small");
    DistributedCli.Result published =
        cli.run("copy", src.toString(), dst.toString(), "--chunk-threshold=1M", "--chunk-size=1M");
    assertEquals(0, published.exit(), published.toString());
    String job = published.out().strip();

    Process doomed = worker("doomed", "1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Optional<Path> partial = Optional.empty();
    while (System.nanoTime() < deadline) {
      partial = temporaries(dst).stream().findFirst();
      if (partial.isPresent() && allocated(partial.get()) >= 4L * MIB) {
        break;
      }
      Thread.sleep(20);
    }
    doomed.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    doomed.destroyForcibly(); // kill -9 while the file's chunks are being copied
    doomed.waitFor();
    assertTrue(partial.isPresent(), "no chunk was ever written: " + cli.result(doomed));
    assertFalse(Files.exists(dst.resolve("huge")), "the file was complete before the kill");

    worker("survivor", "2");
    DistributedCli.Result waited = cli.run("status", job, "--watch", "--interval=1");
    assertEquals(0, waited.exit(), waited.toString());
    assertTrue(waited.out().contains("state:    succeeded"), waited.toString());
    assertEquals(TreeSample.snapshot(src), TreeSample.snapshot(dst));
    assertEquals(List.of(), temporaries(dst), "temporary files of the killed worker remain");
  }

  private static long allocated(Path p) {
    try {
      return TreeSample.allocatedBytes(p);
    } catch (IOException | InterruptedException | RuntimeException e) {
      return 0; // renamed or removed meanwhile
    }
  }

  private static List<Path> temporaries(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".ferry-")).toList();
    }
  }

  private static void randomFile(Path p, long size, long seed) throws IOException {
    Files.createDirectories(p.getParent());
    Random r = new Random(seed);
    byte[] buf = new byte[MIB];
    try (OutputStream out = Files.newOutputStream(p)) {
      for (long left = size; left > 0; left -= buf.length) {
        r.nextBytes(buf);
        out.write(buf, 0, (int) Math.min(buf.length, left));
      }
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }
}
