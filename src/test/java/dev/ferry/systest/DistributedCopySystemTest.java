package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Distributed passes through the packaged binary: workers as processes, a real broker. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DistributedCopySystemTest {
  private final DistributedCli cli = new DistributedCli();
  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    cli.killAll();
  }

  private Process worker(String name, String... extra) throws Exception {
    return cli.start(cli.env(), workerArgs(name, extra));
  }

  /** {@code worker --name=NAME}, with 2 threads unless {@code extra} says how many. */
  static String[] workerArgs(String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("worker", "--name=" + name));
    if (Arrays.stream(extra).noneMatch(a -> a.startsWith("--threads"))) {
      args.addAll(List.of("--threads", "2"));
    }
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void twoWorkersSyncATreeIdenticallyAndStopCleanlyOnSigterm() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    TreeSample.create(src, 20, 15);
    Process w1 = worker("w1");
    Process w2 = worker("w2");

    DistributedCli.Result r = cli.run("sync", src.toString(), dst.toString(), "--wait");

    assertEquals(0, r.exit(), r.toString());
    String jobId = r.out().lines().findFirst().orElseThrow();
    assertTrue(jobId.endsWith("-copy"), r.toString());
    assertTrue(r.out().contains("ferry sync: done in"), "the embedded summary: " + r);
    assertTrue(r.err().contains("-dirtimes succeeded"), r.toString());
    assertEquals(TreeSample.snapshot(src), TreeSample.snapshot(dst));
    assertTrue(
        TreeSample.allocatedBytes(dst.resolve("special/sparse")) < (1 << 20),
        "the sparse file was filled in");

    DistributedCli.Result status = cli.run("status");
    assertTrue(status.out().contains(jobId.replace("-copy", "-dirtimes")), status.toString());
    assertTrue(status.out().contains("succeeded"), status.toString());

    w1.destroy(); // SIGTERM
    w2.destroy();
    assertTrue(w1.waitFor(60, TimeUnit.SECONDS) && w2.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, w1.exitValue(), cli.result(w1).toString());
    assertEquals(0, w2.exitValue(), cli.result(w2).toString());
    assertTrue(cli.result(w1).err().contains("stopping (SIGTERM)"), cli.result(w1).toString());
  }

  /**
   * A worker acknowledges a task only once what it wrote is on disk: the packaged worker, traced,
   * calls syncfs(2) on the target (its wrapper for metrics once dropped the call, silently).
   */
  @Test
  void aWorkerFlushesTheTargetBeforeTheJobIsDone() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    TreeSample.create(src, 3, 4);
    Path trace = dir.resolve("worker.trace");
    Process traced =
        cli.startUnder(Strace.prefix(trace, "syncfs"), cli.env(), workerArgs("traced"));

    DistributedCli.Result r = cli.run("copy", src.toString(), dst.toString(), "--wait");
    assertEquals(0, r.exit(), r.toString());
    traced.descendants().forEach(ProcessHandle::destroy); // SIGTERM to the worker; strace follows
    assertTrue(traced.waitFor(60, TimeUnit.SECONDS), "the traced worker did not stop");

    List<String> calls =
        Files.readAllLines(trace).stream().filter(l -> l.contains("syncfs(")).toList();
    assertFalse(calls.isEmpty(), "the worker never flushed the target");
    for (String call : calls) {
      assertTrue(call.contains("<" + dst.toRealPath() + ">") && call.endsWith("= 0"), call);
    }
  }

  /**
   * The client may not mount the roots, so the worker that runs a pass's first task checks them as
   * the embedded mode does: the forgotten mount (an empty source over a non-empty target), a file
   * as source, a target inside the source through a symlink.
   */
  @Test
  void aWorkerChecksTheRootsAsTheEmbeddedModeDoes() throws Exception {
    Path src = Files.createDirectories(dir.resolve("empty-mount"));
    Path dst = dir.resolve("dst");
    TreeSample.create(dst, 3, 4);
    Map<String, String> before = TreeSample.snapshot(dst);
    worker("w1");

    DistributedCli.Result delete = cli.run("delete", src.toString(), dst.toString(), "--wait");
    assertEquals(1, delete.exit(), delete.toString());
    assertTrue(delete.err().contains("is empty but target"), delete.toString());
    assertTrue(delete.err().contains("refusing to delete"), delete.toString());
    assertEquals(before, TreeSample.snapshot(dst), "a delete from an empty source removed files");

    DistributedCli.Result sync = cli.run("sync", src.toString(), dst.toString(), "--wait");
    assertEquals(1, sync.exit(), sync.toString());
    assertEquals(before, TreeSample.snapshot(dst), "a sync from an empty source removed files");

    DistributedCli.Result allowed =
        cli.run("delete", src.toString(), dst.toString(), "--wait", "--allow-empty-source");
    assertEquals(0, allowed.exit(), allowed.toString());
    try (var left = Files.list(dst)) {
      assertEquals(0, left.count(), "--allow-empty-source deletes what the source lacks");
    }

    // A source that is a file: the job fails in words and no target directory appears.
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    DistributedCli.Result copy =
        cli.run("copy", file.toString(), dir.resolve("dst2").toString(), "--wait");
    assertEquals(1, copy.exit(), copy.toString());
    assertTrue(copy.err().contains("source " + file + " is not a directory"), copy.toString());
    assertFalse(Files.exists(dir.resolve("dst2")), "a target was created for a file source");

    // A delete into a target that does not exist (a typo) is a failure, not a quiet success.
    DistributedCli.Result typo =
        cli.run("delete", src.toString(), dir.resolve("dts").toString(), "--wait");
    assertEquals(1, typo.exit(), typo.toString());
    assertTrue(typo.err().contains("dts does not exist"), typo.toString());

    // A target inside the source through a symlink, which the client cannot see: refused.
    Path src2 = Files.createDirectories(dir.resolve("src2/sub"));
    Files.writeString(src2.resolve("f"), "x");
    Path link = Files.createSymbolicLink(dir.resolve("link"), src2);
    DistributedCli.Result inside =
        cli.run("copy", dir.resolve("src2").toString(), link.resolve("inner").toString(), "--wait");
    assertEquals(1, inside.exit(), inside.toString());
    assertTrue(inside.err().contains("is inside source"), inside.toString());
    assertFalse(Files.exists(src2.resolve("inner")), "the copy wrote into its own source");
  }

  /**
   * A dry run through the broker reports as the embedded one does: on stdout, and exit 0; a
   * verify's differences fail it.
   */
  @Test
  void aDryRunReportsWhatWouldChangeAndSucceeds() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/a"));
    Files.writeString(src.resolve("new"), "x");
    Path dst = Files.createDirectories(dir.resolve("dst/a"));
    Files.writeString(dst.resolve("old"), "y");
    Map<String, String> before = TreeSample.snapshot(dir.resolve("dst"));
    worker("w1");

    for (String pass : List.of("copy", "delete")) {
      DistributedCli.Result r =
          cli.run(
              pass,
              dir.resolve("src").toString(),
              dir.resolve("dst").toString(),
              "--dry-run",
              "--wait");
      assertEquals(0, r.exit(), r.toString());
      String expected = pass.equals("copy") ? "would copy: a/new" : "would delete: a/old";
      assertTrue(r.out().lines().anyMatch(expected::equals), r.toString());
      assertTrue(r.err().contains("succeeded"), r.toString());
      String job = r.out().lines().findFirst().orElseThrow();
      DistributedCli.Result status = cli.run("status", job);
      assertTrue(status.out().contains("would change (dry run): 1"), status.toString());
    }
    assertEquals(before, TreeSample.snapshot(dir.resolve("dst")), "a dry run changed the target");

    // A verify's differences still fail it, as in the embedded mode.
    DistributedCli.Result verify =
        cli.run("verify", dir.resolve("src").toString(), dir.resolve("dst").toString(), "--wait");
    assertEquals(1, verify.exit(), verify.toString());
    assertTrue(verify.err().contains("differs"), verify.toString());
  }

  @Test
  void aJobWaitsWithoutWorkersAndCompletesAfterAWorkerIsKilledMidway() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    TreeSample.create(src, 400, 20, 3); // 133 subdirectories each: killed in the middle of packs
    DistributedCli.Result published = cli.run("copy", src.toString(), dst.toString());
    assertEquals(0, published.exit(), published.toString());
    String job = published.out().strip();
    Thread.sleep(1000);
    assertTrue(!Files.exists(dst), "the publishing client must not copy anything itself");

    Process doomed = worker("doomed", "--threads=1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    long copied;
    while ((copied = countFiles(dst)) < 200 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(doomed.isAlive(), () -> "the worker to kill died: " + result(doomed));
    assertTrue(copied >= 200, "the worker to kill copied part of the job in time");
    doomed.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    doomed.destroyForcibly(); // kill -9 in the middle of the job
    doomed.waitFor();
    assertTrue(countFiles(dst) < 8000, "the job was over before the kill; make it bigger");

    worker("survivor");
    DistributedCli.Result waited = cli.run("status", job, "--watch", "--interval=1");
    assertEquals(0, waited.exit(), waited.toString());
    assertTrue(waited.out().contains("state:    succeeded"), waited.toString());
    assertEquals(TreeSample.snapshot(src), TreeSample.snapshot(dst));
    try (var leftovers = Files.walk(dst)) {
      assertEquals(
          0,
          leftovers.filter(p -> p.getFileName().toString().startsWith(".ferry-")).count(),
          "temporary files of the killed worker remain");
    }
  }

  /**
   * A job without workers waits, by design; a client waiting for it says so once no worker has
   * taken tasks for 10 s (none started, or the only one died at its start), instead of showing a
   * board that never moves.
   */
  @Test
  void aWaitingClientSaysThatNoWorkerIsTakingTasks() throws Exception {
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    TreeSample.create(src, 3, 4);
    Process waiting = cli.start(cli.env(), "copy", src.toString(), dst.toString(), "--wait");
    String notice = "no worker has taken tasks from " + cli.prefix + ".tasks for 10 s";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!cli.errSoFar(waiting).contains(notice) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(cli.errSoFar(waiting).contains(notice), cli.errSoFar(waiting));
    assertFalse(Files.exists(dst), "nothing is copied without a worker");

    worker("late");
    assertTrue(waiting.waitFor(60, TimeUnit.SECONDS), "the job did not end once a worker came");
    assertEquals(0, waiting.exitValue(), cli.result(waiting).toString());
    assertEquals(TreeSample.snapshot(src), TreeSample.snapshot(dst));
  }

  @Test
  void namedFilesystemsResolveAtTheirMountsAndReadOnlyOnesAreNeverWritten() throws Exception {
    Path panda = Files.createDirectories(dir.resolve("mnt/panda"));
    Path badger = Files.createDirectories(dir.resolve("mnt/badger"));
    TreeSample.create(panda.resolve("user_xyz"), 3, 4);
    Path config = dir.resolve("ferry.toml");
    Files.writeString(
        config,
        "[filesystems.panda]\nmount = \""
            + panda
            + "\"\nwrite = false\nrequire_mount = false\n"
            + "[filesystems.badger]\nmount = \""
            + badger
            + "\"\nwrite = true\nrequire_mount = false\n"
            + "[filesystems.empty]\nmount = \""
            + Files.createDirectories(dir.resolve("mnt/empty"))
            + "\"\nwrite = true\n"
            + "[broker]\ndelivery_limit = 2\n");
    Map<String, String> env = new HashMap<>(cli.env());
    env.put("FERRY_CONFIG", config.toString());
    cli.start(env, "worker", "--threads", "2");

    DistributedCli.Result ok =
        cli.run(env, "copy", "panda:/user_xyz", "badger:/user_xyz", "--wait");
    assertEquals(0, ok.exit(), ok.toString());
    assertEquals(
        TreeSample.snapshot(panda.resolve("user_xyz")),
        TreeSample.snapshot(badger.resolve("user_xyz")));

    Map<String, String> before = TreeSample.snapshot(panda);
    DistributedCli.Result refused =
        cli.run(env, "copy", "badger:/user_xyz", "panda:/elsewhere", "--wait");
    assertEquals(1, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("panda is not writable"), refused.toString());
    assertEquals(before, TreeSample.snapshot(panda), "a read-only filesystem was written");

    // An empty mount point (the filesystem is not mounted on this node) is never filled.
    DistributedCli.Result unmounted =
        cli.run(env, "copy", "panda:/user_xyz", "empty:/user_xyz", "--wait");
    assertEquals(1, unmounted.exit(), unmounted.toString());
    assertTrue(unmounted.err().contains("empty is not mounted on this node"), unmounted.toString());
    try (var inside = Files.list(dir.resolve("mnt/empty"))) {
      assertEquals(0, inside.count(), "files were copied into an unmounted mount point");
    }

    // A source directory that does not exist (a typo, as a worker sees it) fails the job in words.
    DistributedCli.Result missing =
        cli.run(env, "copy", "panda:/user_xzy", "badger:/user_xzy", "--wait");
    assertEquals(1, missing.exit(), missing.toString());
    assertTrue(missing.err().contains("user_xzy does not exist"), missing.toString());
    assertFalse(Files.exists(badger.resolve("user_xzy")), "a target was created for no source");

    DistributedCli.Result unknown = cli.run(env, "copy", "otter:/x", "badger:/x");
    assertEquals(2, unknown.exit(), unknown.toString());
    assertTrue(unknown.err().contains("unknown filesystem 'otter'"), unknown.toString());
  }

  static long countFiles(Path root) throws Exception {
    if (!Files.exists(root)) {
      return 0;
    }
    try (var s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).count();
    } catch (java.io.UncheckedIOException e) {
      return 0; // a directory vanished under the walk (a temporary name renamed)
    }
  }

  private String result(Process p) {
    try {
      return cli.result(p).toString();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
