package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.lustre.FileLayout;
import dev.ferry.lustre.LayoutComponent;
import dev.ferry.lustre.Lustre;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed copies keep Lustre layouts and MDT placement: {@code ferry copy --broker ... --wait}
 * with a {@code ferry worker} process that loads the fake liblustreapi (layouts kept in {@code
 * user.*} xattrs, hence {@code --no-xattrs}), as the embedded copy does in LustreCopySystemTest.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DistributedLustreSystemTest {
  private static final long MIB = 1 << 20;
  private final DistributedCli cli = new DistributedCli();
  @TempDir Path dir;
  private Path src;
  private Path dst;
  private Lustre fake;

  @BeforeEach
  void tree() throws IOException {
    fake = Lustre.library(fakeLibrary().toString());
    src = Files.createDirectories(dir.resolve("mnt/src"));
    dst = dir.resolve("mnt/dst");
    for (String d : List.of("a", "b", "c", "d")) {
      Files.createDirectory(src.resolve(d));
      fake.createFile(src.resolve(d + "/f"), FileLayout.plain(4, 2 * MIB), 0644);
      Files.writeString(src.resolve(d + "/f"), "data of " + d);
    }
    // The test's own process knows no pools: create the PFL without, then record its pool.
    fake.createFile(src.resolve("a/pfl"), pfl().withoutPools(Set.of("flash")), 0644);
    String lov = lov(src.resolve("a/pfl"));
    int last = lov.lastIndexOf(" -\n");
    setLov(src.resolve("a/pfl"), lov.substring(0, last) + " flash\n" + lov.substring(last + 3));
    assertEquals(pfl().describe(), fake.layout(src.resolve("a/pfl")).describe());
    Files.writeString(src.resolve("a/pfl"), "progressive");
  }

  @AfterEach
  void stop() throws Exception {
    cli.killAll();
  }

  private static FileLayout pfl() {
    return FileLayout.composite(
        new LayoutComponent(0, MIB, 1, MIB, 0, "", LayoutComponent.DEFAULT),
        new LayoutComponent(MIB, LayoutComponent.EOF, 4, 2 * MIB, 0, "flash", 0));
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>(cli.env());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Process worker(Map<String, String> env) throws IOException {
    return cli.start(env, "worker", "--threads", "2", "--name", "lw");
  }

  private Map<String, String> fakeNode(String pools) {
    return env(
        "FERRY_LUSTREAPI",
        fakeLibrary().toString(),
        "FAKE_LUSTRE_POOLS",
        pools,
        "FAKE_LUSTRE_MDTS",
        "4");
  }

  /** The worker's log, once it stopped on SIGTERM. */
  private String stoppedLog(Process worker) throws Exception {
    worker.destroy();
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker did not stop");
    return cli.result(worker).err();
  }

  @Test
  void aWorkerPreservesLayoutsIncludingPflAndPlacesFirstLevelDirectoriesRoundRobin()
      throws Exception {
    Process w = worker(fakeNode("flash"));
    DistributedCli.Result r =
        cli.run(
            env("FERRY_LUSTRE", "force"),
            "copy",
            src.toString(),
            dst.toString(),
            "--no-xattrs",
            "--mdt-rr",
            "0,1",
            "--wait");

    assertEquals(0, r.exit(), r.toString());
    List<Integer> mdts = new ArrayList<>();
    for (String d : List.of("a", "b", "c", "d")) {
      Path f = dst.resolve(d + "/f");
      assertEquals("data of " + d, Files.readString(f));
      assertEquals("[0, EOF) count 4 size 2M", fake.layout(f).describe());
      assertTrue(ostUnpinned(f), "the source's first OST was copied: " + lov(f));
      mdts.add(fake.mdtIndex(dst.resolve(d)));
    }
    mdts.sort(null);
    assertEquals(List.of(0, 0, 1, 1), mdts);
    assertEquals("progressive", Files.readString(dst.resolve("a/pfl")));
    assertEquals(pfl().describe(), fake.layout(dst.resolve("a/pfl")).describe());
    assertTrue(ostUnpinned(dst.resolve("a/pfl")), lov(dst.resolve("a/pfl")));
    String log = stoppedLog(w);
    assertFalse(log.contains("warning"), log);
  }

  /** In the worker's log, and in the job's ledger: the waiting client and status show it too. */
  @Test
  void aMissingPoolIsWarnedOncePerJobInTheWorkersLogAndToTheClient() throws Exception {
    for (String d : List.of("a", "b", "c")) {
      setPool(src.resolve(d + "/f"), "archive");
    }
    Process w = worker(fakeNode("flash"));
    DistributedCli.Result r =
        cli.run(
            env("FERRY_LUSTRE", "force"),
            "copy",
            src.toString(),
            dst.toString(),
            "--no-xattrs",
            "--wait");
    assertEquals(0, r.exit(), r.toString());
    String job = r.out().lines().findFirst().orElseThrow();
    DistributedCli.Result waited =
        cli.run(
            env("FERRY_LUSTRE", "force"),
            "copy",
            src.toString(),
            dir.resolve("mnt/dst2").toString(),
            "--no-xattrs",
            "--wait");
    assertEquals(0, waited.exit(), waited.toString());
    String second = waited.out().lines().findFirst().orElseThrow();

    String warning =
        "pool 'archive' does not exist on the target filesystem; files that use it are created"
            + " without a pool";
    for (DistributedCli.Result client : List.of(r, waited)) {
      List<String> told = client.err().lines().filter(l -> l.contains("warning")).toList();
      assertEquals(List.of("ferry: warning: lw: " + warning), told, client.toString());
    }
    DistributedCli.Result status = cli.run("status", job);
    assertEquals(0, status.exit(), status.toString());
    assertTrue(
        status.out().contains("warnings: 1\n  warning: lw: " + warning + "\n"), status.toString());

    assertEquals("[0, EOF) count 4 size 2M", fake.layout(dst.resolve("b/f")).describe());
    String log = stoppedLog(w);
    for (String id : List.of(job, second)) {
      List<String> warned =
          log.lines().filter(l -> l.contains("job " + id + ": warning: ")).toList();
      assertEquals(List.of("ferry worker lw: job " + id + ": warning: " + warning), warned, log);
    }
  }

  @Test
  void theTargetFilesystemIsJudgedByTheWorkersOwnConfigurationAtItsOwnMount() throws Exception {
    // The client knows the filesystem by name only; on the worker's node it is mounted here and
    // configured as Lustre (its statfs would say otherwise).
    Path client = Files.writeString(dir.resolve("client.toml"), scratch("/nowhere/scratch", ""));
    Path node =
        Files.writeString(dir.resolve("node.toml"), scratch(dir.resolve("mnt").toString(), "true"));
    Process w = worker(withConfig(fakeNode(""), node));
    DistributedCli.Result r =
        cli.run(
            withConfig(env(), client),
            "copy",
            "scratch:/src",
            "scratch:/dst",
            "--no-xattrs",
            "--mdt-rr",
            "3",
            "--wait");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("[0, EOF) count 4 size 2M", fake.layout(dst.resolve("c/f")).describe());
    assertEquals(3, fake.mdtIndex(dst.resolve("c")));
    stoppedLog(w);
  }

  @Test
  void aWorkerWithoutTheLibraryRefusesAJobThatDemandsLustreAndItFailsWithTheReason()
      throws Exception {
    Path config = Files.writeString(dir.resolve("ferry.toml"), "[broker]\ndelivery_limit = 2\n");
    Path none = dir.resolve("none/liblustreapi.so.1");
    Process w = worker(withConfig(env("FERRY_LUSTREAPI", none.toString()), config));
    DistributedCli.Result r =
        cli.run(
            withConfig(env("FERRY_LUSTRE", "force"), config),
            "copy",
            src.toString(),
            dst.toString(),
            "--no-xattrs",
            "--wait");

    assertEquals(1, r.exit(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "the job demands Lustre on its target (lustre = on) but liblustreapi is not"
                    + " available on this node ("),
        r.toString());
    assertTrue(r.err().contains(none.toString()), r.toString());
    assertFalse(Files.exists(dst), "a job that demands Lustre was copied without it");
    String job = r.out().lines().findFirst().orElseThrow();
    List<String> refusals =
        stoppedLog(w).lines().filter(l -> l.contains("job " + job + ": refusing")).toList();
    assertEquals(1, refusals.size(), refusals.toString());
  }

  @Test
  void aBadMdtListIsRefusedBeforeAJobIsPublished() throws Exception {
    DistributedCli.Result r =
        cli.run(env(), "copy", src.toString(), dst.toString(), "--mdt-rr", "0,x", "--wait");
    assertEquals(2, r.exit(), r.toString());
    assertEquals(
        "ferry copy: --mdt-rr: expected MDT indexes such as 0,1 (or -1) but got '0,x'\n", r.err());
    assertEquals("", r.out(), "no job id: nothing was published");
  }

  private static String scratch(String mount, String lustre) {
    return "[filesystems.scratch]\nmount = \""
        + mount
        + "\"\nwrite = true\nrequire_mount = false\n"
        + (lustre.isEmpty() ? "" : "lustre = " + lustre + "\n");
  }

  private static Map<String, String> withConfig(Map<String, String> env, Path config) {
    Map<String, String> e = new HashMap<>(env);
    e.put("FERRY_CONFIG", config.toString());
    return e;
  }

  static Path fakeLibrary() {
    Path fake =
        Path.of(System.getProperty("basedir", "."))
            .resolve("../../lustre-jni/target/fake-lustreapi/liblustreapi.so.1")
            .normalize();
    assertTrue(Files.exists(fake), "build lustre-jni (its test phase builds the fake): " + fake);
    return fake;
  }

  /** Every component was created with the first OST left to Lustre (see fake_lustreapi.c). */
  private static boolean ostUnpinned(Path f) throws IOException {
    String requested = Long.toUnsignedString(LayoutComponent.DEFAULT);
    return lov(f).lines().skip(1).allMatch(l -> l.split(" ")[6].equals(requested));
  }

  private static void setPool(Path f, String pool) throws IOException {
    setLov(f, lov(f).replaceAll(" -\n", " " + pool + "\n"));
  }

  private static void setLov(Path f, String text) throws IOException {
    view(f).write("fakelustre.lov", ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String lov(Path f) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(view(f).size("fakelustre.lov"));
    view(f).read("fakelustre.lov", buf);
    return new String(buf.array(), StandardCharsets.US_ASCII);
  }

  private static UserDefinedFileAttributeView view(Path f) {
    return Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
  }
}
