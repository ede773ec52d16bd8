package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry copy} as users run it, against the fake liblustreapi: layouts and MDT placement with
 * the library, one clear warning without it. The fake keeps layouts in {@code user.*} xattrs, so
 * the copies run with {@code --no-xattrs} (otherwise the source's record would be copied over the
 * target's).
 */
class LustreCopySystemTest {
  private static final long MIB = 1 << 20;
  @TempDir Path dir;
  private Path src;
  private Path dst;
  private Lustre fake;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void tree() throws IOException {
    fake = Lustre.library(LustreBinaryTest.fakeLibrary().toString());
    src = Files.createDirectory(dir.resolve("src"));
    dst = dir.resolve("dst");
    for (String d : List.of("a", "b", "c", "d")) {
      Files.createDirectory(src.resolve(d));
      fake.createFile(src.resolve(d + "/f"), FileLayout.plain(4, 2 * MIB), 0644);
      Files.writeString(src.resolve(d + "/f"), "data of " + d);
    }
  }

  private Run ferry(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(System.getProperty("ferry.binary")));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("FERRY_") || k.startsWith("FAKE_"));
    pb.environment().putAll(env);
    pb.environment().put("HOME", dir.toString()); // no ~/.ferry/config.toml
    pb.directory(dir.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out, err);
  }

  private Map<String, String> withFake(String pools) {
    return Map.of(
        "FERRY_LUSTREAPI",
        LustreBinaryTest.fakeLibrary().toString(),
        "FERRY_LUSTRE",
        "force",
        "FAKE_LUSTRE_POOLS",
        pools);
  }

  @Test
  void copyPreservesLayoutsAndPlacesFirstLevelDirectoriesRoundRobin() throws Exception {
    Run r =
        ferry(
            withFake(""), "copy", src.toString(), dst.toString(), "--no-xattrs", "--mdt-rr", "0,1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    List<Integer> mdts = new ArrayList<>();
    for (String d : List.of("a", "b", "c", "d")) {
      Path f = dst.resolve(d + "/f");
      assertEquals("data of " + d, Files.readString(f));
      assertEquals("[0, EOF) count 4 size 2M", fake.layout(f).describe());
      assertTrue(FakeRecords.ostUnpinned(f));
      mdts.add(fake.mdtIndex(dst.resolve(d)));
    }
    mdts.sort(null);
    assertEquals(List.of(0, 0, 1, 1), mdts);
  }

  @Test
  void missingPoolIsWarnedOncePerPool() throws Exception {
    for (String d : List.of("a", "b")) {
      FakeRecords.setPool(src.resolve(d + "/f"), "archive");
    }
    Run r = ferry(withFake("flash"), "copy", src.toString(), dst.toString(), "--no-xattrs");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "warning: pool 'archive' does not exist on the target filesystem; files that use it are"
            + " created without a pool\n",
        r.err());
    assertEquals("[0, EOF) count 4 size 2M", fake.layout(dst.resolve("a/f")).describe());
  }

  @Test
  void withoutTheLibraryTheCopyIsPlainAndSaysSoOnce() throws Exception {
    Run r =
        ferry(
            Map.of("FERRY_LUSTRE", "force", "FERRY_LUSTREAPI", dir.resolve("none.so").toString()),
            "copy",
            src.toString(),
            dst.toString(),
            "--no-xattrs",
            "--mdt-rr",
            "0,1");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(
        lines.get(0).startsWith("warning: liblustreapi not available (" + dir.resolve("none.so")),
        lines.get(0));
    assertTrue(lines.get(0).endsWith("files are copied as plain POSIX"), lines.get(0));
    assertEquals("data of a", Files.readString(dst.resolve("a/f")));
    assertFalse(FakeRecords.hasLayout(dst.resolve("a/f")));
  }

  @Test
  void libraryPresentButFilesystemNotLustreCopiesPlainQuietly() throws Exception {
    Map<String, String> auto = Map.of("FERRY_LUSTREAPI", LustreBinaryTest.fakeLibrary().toString());
    Run r = ferry(auto, "copy", src.toString(), dst.toString(), "--no-xattrs");
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertFalse(FakeRecords.hasLayout(dst.resolve("a/f")));
  }

  @Test
  void aConfiguredFilesystemMarkedLustreIsHandledAsLustre() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("ferry.toml"),
            "[filesystems.scratch]\nmount = \"" + dir + "\"\nlustre = true\n");
    Map<String, String> env = Map.of("FERRY_LUSTREAPI", LustreBinaryTest.fakeLibrary().toString());
    Run r =
        ferry(
            env,
            "copy",
            "--config",
            config.toString(),
            src.toString(),
            dst.toString(),
            "--no-xattrs");
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertEquals("[0, EOF) count 4 size 2M", fake.layout(dst.resolve("c/f")).describe());
    assertTrue(FakeRecords.ostUnpinned(dst.resolve("c/f")));
  }

  @Test
  void badMdtListIsAUsageErrorAndCreatesNothing() throws Exception {
    Run r = ferry(withFake(""), "copy", src.toString(), dst.toString(), "--mdt-rr", "0,x");
    assertEquals(2, r.exit(), r.err());
    assertEquals(
        "ferry copy: --mdt-rr: expected MDT indexes such as 0,1 (or -1) but got '0,x'\n", r.err());
    assertFalse(Files.exists(dst));
  }

  /** Reads and edits what the fake library recorded (the xattrs described in its source). */
  static final class FakeRecords {
    private FakeRecords() {}

    static boolean hasLayout(Path f) throws IOException {
      return view(f).list().contains("fakelustre.lov");
    }

    static boolean ostUnpinned(Path f) throws IOException {
      String requested = Long.toUnsignedString(0x1000000000000002L);
      return read(f).lines().skip(1).allMatch(l -> l.split(" ")[6].equals(requested));
    }

    static void setPool(Path f, String pool) throws IOException {
      String text = read(f).replaceAll(" -\n", " " + pool + "\n");
      view(f).write("fakelustre.lov", ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String read(Path f) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(view(f).size("fakelustre.lov"));
      view(f).read("fakelustre.lov", buf);
      return new String(buf.array(), StandardCharsets.US_ASCII);
    }

    private static UserDefinedFileAttributeView view(Path f) {
      return Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
    }
  }
}
