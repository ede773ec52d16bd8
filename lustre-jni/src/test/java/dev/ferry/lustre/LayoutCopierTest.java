package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutCopierTest {
  private static final long MIB = 1 << 20;
  private final Lustre lustre = FakeLustreapi.library();
  private final List<String> warnings = new ArrayList<>();
  private final LayoutCopier copier = new LayoutCopier(lustre, warnings::add);
  @TempDir Path dir;

  private static FileLayout withPools(String first, String second) {
    return FileLayout.composite(
        new LayoutComponent(0, 4 * MIB, 2, MIB, LayoutComponent.RAID0, first, 5),
        new LayoutComponent(4 * MIB, LayoutComponent.EOF, 6, 4 * MIB, 0, second, 7));
  }

  @Test
  void layoutIsCopiedAsIsWhenTheTargetTakesIt() throws IOException {
    Path f = dir.resolve("f");
    assertTrue(copier.create(withPools("flash", "archive"), f, 0640));
    assertTrue(lustre.layout(f).sameShape(withPools("flash", "archive")));
    assertEquals(List.of(), warnings);
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  @Test
  void missingPoolIsDroppedAndReportedOnce() throws IOException {
    FileLayout source = withPools("nosuch", "nosuch");
    for (int i = 0; i < 3; i++) {
      Path f = dir.resolve("f" + i);
      assertTrue(copier.create(source, f, 0600));
      FileLayout created = lustre.layout(f);
      assertEquals(Set.of(), created.pools());
      assertTrue(created.sameShape(source.withoutPools(Set.of("nosuch"))), created.describe());
      FakeLustreapi.components(f).forEach(c -> assertTrue(c.ostUnpinned(), c.toString()));
    }
    assertEquals(
        List.of(
            "pool 'nosuch' does not exist on the target filesystem; files that use it are"
                + " created without a pool"),
        warnings);
    assertEquals(source.withoutPools(Set.of("nosuch")), copier.intended(source));
    try (var files = Files.list(dir)) {
      assertEquals(3, files.count(), "no leftovers from the refused attempts");
    }
  }

  @Test
  void onlyTheMissingPoolIsDroppedWhenAnotherExists() throws IOException {
    Path f = dir.resolve("mixed");
    assertTrue(copier.create(withPools("flash", "gone"), f, 0600));
    assertEquals(Set.of("flash"), lustre.layout(f).pools());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("pool 'gone' does not exist"), warnings.get(0));
  }

  @Test
  void mirroredLayoutFallsBackToTheTargetDefaultWithOneWarning() throws IOException {
    FileLayout mirrored =
        FileLayout.composite(
            new LayoutComponent(0, LayoutComponent.EOF, 2, MIB, 0, "", 1),
            new LayoutComponent(0, LayoutComponent.EOF, 2, MIB, 0, "", 3));
    assertFalse(copier.create(mirrored, dir.resolve("m1"), 0600));
    assertFalse(copier.create(mirrored, dir.resolve("m2"), 0600));
    assertTrue(Files.isRegularFile(dir.resolve("m2")));
    assertFalse(FakeLustreapi.hasLayout(dir.resolve("m1")));
    assertEquals(1, warnings.size());
    assertTrue(
        warnings.get(0).contains("mirrored or overlapping")
            && warnings.get(0).endsWith("first: " + dir.resolve("m1")),
        warnings.get(0));
  }

  @Test
  void layoutTheTargetRejectsFallsBackToItsDefault() throws IOException {
    FileLayout odd = FileLayout.plain(2, 1000);
    assertFalse(copier.create(odd, dir.resolve("odd"), 0600));
    assertTrue(Files.exists(dir.resolve("odd")));
    assertFalse(FakeLustreapi.hasLayout(dir.resolve("odd")));
    assertEquals(
        List.of(
            "layout [0, EOF) count 2 size 1000 cannot be recreated (Invalid argument); files"
                + " with it get the target's default layout, first: "
                + dir.resolve("odd")),
        warnings);
  }

  @Test
  void existingTargetIsLeftAloneAndReported() throws IOException {
    Path f = Files.writeString(dir.resolve("there"), "keep");
    LustreException e =
        assertThrows(LustreException.class, () -> copier.create(FileLayout.plain(2, MIB), f, 0600));
    assertEquals(LustreException.EEXIST, e.errno());
    assertEquals("keep", Files.readString(f));
    assertEquals(List.of(), warnings);
  }
}
