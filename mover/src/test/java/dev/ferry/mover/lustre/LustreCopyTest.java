package dev.ferry.mover.lustre;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.lustre.FakeLustreapi;
import dev.ferry.lustre.FileLayout;
import dev.ferry.lustre.LayoutComponent;
import dev.ferry.lustre.Lustre;
import dev.ferry.lustre.LustreMode;
import dev.ferry.lustre.LustrePolicy;
import dev.ferry.mover.engine.Mover;
import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.engine.Preserve;
import dev.ferry.mover.engine.Runs;
import dev.ferry.mover.report.Console;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.EntryStat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole copies through the mover's engine with the Lustre-aware creator and the fake library. The
 * fake keeps layouts in {@code user.*} xattrs, which the engine would copy over from the source;
 * the runs here therefore leave xattrs out, so what the target shows is what ferry asked the
 * library for.
 */
class LustreCopyTest {
  private static final long MIB = 1 << 20;
  private final Lustre lustre = FakeLustreapi.library();
  private final List<String> warnings = new ArrayList<>();
  private final StringWriter err = new StringWriter();
  @TempDir Path tmp;
  private Path src;
  private Path dst;

  @BeforeEach
  void roots() throws IOException {
    src = Files.createDirectory(tmp.resolve("src"));
    dst = tmp.resolve("dst");
  }

  private static FileLayout pfl() {
    return FileLayout.composite(
        new LayoutComponent(0, MIB, 1, MIB, 0, "", LayoutComponent.DEFAULT),
        new LayoutComponent(MIB, LayoutComponent.EOF, 4, 2 * MIB, 0, "flash", 0));
  }

  private Path file(String rel, FileLayout layout, int size) throws IOException {
    Path f = src.resolve(rel);
    Files.createDirectories(f.getParent());
    lustre.createFile(f, layout, 0644);
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    Files.write(f, data);
    return f;
  }

  private RunSummary copy(MdtPlacement placement) throws Exception {
    Runs run = Runs.of(src, dst);
    run.threads = 2;
    run.chunkThreshold = MIB;
    run.chunkSize = MIB;
    run.preserve = EnumSet.complementOf(EnumSet.of(Preserve.XATTRS));
    PassConfig cfg = run.config();
    LustreOptions options =
        new LustreOptions(
            new LustrePolicy(LustreMode.ON),
            LustreMode.AUTO,
            LustreMode.AUTO,
            placement,
            Optional.of(System.getenv(Lustre.LIBRARY_ENV)));
    var creator = LustreCreators.forCopy(options, src, dst, warnings::add);
    Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(err), false);
    return new Mover(Clock.systemUTC(), creator).run(cfg, console);
  }

  private void assertCopiedWithLayout(String rel, FileLayout layout) throws IOException {
    Path t = dst.resolve(rel);
    assertArrayEquals(Files.readAllBytes(src.resolve(rel)), Files.readAllBytes(t), rel);
    assertTrue(lustre.layout(t).sameShape(layout), rel + ": " + lustre.layout(t).describe());
    FakeLustreapi.components(t).forEach(c -> assertTrue(c.ostUnpinned(), rel + ": " + c));
  }

  @Test
  void treeIsCopiedWithLayoutsAndFirstLevelDirectoriesRoundRobin() throws Exception {
    file("a/small", pfl(), 1000);
    file("a/deep/er/plain", FileLayout.plain(3, MIB), 5000);
    file("b/big", pfl(), (int) (3 * MIB + 123)); // chunked: created once, chunks write into it
    file("top", FileLayout.plain(2, 4 * MIB), 10);
    Files.createDirectories(src.resolve("c/empty"));

    RunSummary summary = copy(MdtPlacement.roundRobin("0,1"));

    assertTrue(summary.clean(), summary.text() + err);
    assertCopiedWithLayout("a/small", pfl());
    assertCopiedWithLayout("a/deep/er/plain", FileLayout.plain(3, MIB));
    assertCopiedWithLayout("b/big", pfl());
    assertCopiedWithLayout("top", FileLayout.plain(2, 4 * MIB));
    List<Integer> mdts = new ArrayList<>();
    for (String d : List.of("a", "b", "c")) {
      mdts.add(FakeLustreapi.mdt(dst.resolve(d)).requested());
    }
    mdts.sort(null);
    assertEquals(List.of(0, 0, 1), mdts, "three first-level directories over MDTs 0,1");
    assertFalse(FakeLustreapi.placed(dst.resolve("a/deep")));
    assertFalse(FakeLustreapi.placed(dst.resolve("c/empty")));
    assertEquals(List.of(), warnings);
    assertEquals("", err.toString());
  }

  @Test
  void changedFileWithAnotherLayoutIsRecreatedNotRewrittenInPlace() throws Exception {
    file("f", pfl(), 4000);
    Path t = Files.createDirectories(dst).resolve("f");
    lustre.createFile(t, FileLayout.plain(1, MIB), 0644);
    Files.writeString(t, "stale");
    long oldInode = EntryStat.lstat(t).ino();

    assertTrue(copy(MdtPlacement.NONE).clean(), err.toString());

    assertCopiedWithLayout("f", pfl());
    assertNotEquals(oldInode, EntryStat.lstat(t).ino(), "a new file, renamed over the old one");
  }

  @Test
  void upToDateFileIsLeftAloneWhateverItsLayout() throws Exception {
    file("f", pfl(), 4000);
    assertTrue(copy(MdtPlacement.NONE).clean(), err.toString());
    long inode = EntryStat.lstat(dst.resolve("f")).ino();
    assertTrue(copy(MdtPlacement.NONE).clean(), err.toString());
    assertEquals(inode, EntryStat.lstat(dst.resolve("f")).ino());
  }

  @Test
  void preserveKeepsEachFirstLevelDirectoryOnItsSourceMdt() throws Exception {
    lustre.createDirectory(src.resolve("on3"), 0755, 3);
    lustre.createDirectory(src.resolve("on2"), 0755, 2);
    file("on3/f", FileLayout.plain(2, MIB), 10);
    assertTrue(copy(MdtPlacement.PRESERVE).clean(), err.toString());
    assertEquals(new FakeLustreapi.Mdt(3, 3), FakeLustreapi.mdt(dst.resolve("on3")));
    assertEquals(new FakeLustreapi.Mdt(2, 2), FakeLustreapi.mdt(dst.resolve("on2")));
    assertCopiedWithLayout("on3/f", FileLayout.plain(2, MIB));
  }
}
