package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.lustre.FakeLustreapi.Component;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LustreLayoutTest {
  private static final long MIB = 1 << 20;
  private final Lustre lustre = FakeLustreapi.library();
  @TempDir Path dir;

  static FileLayout pfl() {
    return FileLayout.composite(
        new LayoutComponent(0, MIB, 1, MIB, LayoutComponent.RAID0, "", LayoutComponent.DEFAULT),
        new LayoutComponent(
            MIB, 64 * MIB, 4, 4 * MIB, LayoutComponent.RAID0, "flash", LayoutComponent.DEFAULT),
        new LayoutComponent(
            64 * MIB,
            LayoutComponent.EOF,
            LayoutComponent.WIDE,
            16 * MIB,
            LayoutComponent.RAID0,
            "archive",
            LayoutComponent.DEFAULT));
  }

  @Test
  void plainLayoutRoundTrips() throws IOException {
    Path f = dir.resolve("plain");
    lustre.createFile(f, FileLayout.plain(8, 4 * MIB), 0640);
    assertTrue(Files.isRegularFile(f));
    assertEquals(0, Files.size(f));
    FileLayout read = lustre.layout(f);
    assertFalse(read.composite());
    assertTrue(read.sameShape(FileLayout.plain(8, 4 * MIB)), read.describe());
    assertEquals("[0, EOF) count 8 size 4M", read.describe());
  }

  @Test
  void compositeLayoutRoundTripsWithPoolsAndExtents() throws IOException {
    Path f = dir.resolve("pfl");
    lustre.createFile(f, pfl(), 0600);
    FileLayout read = lustre.layout(f);
    assertTrue(read.composite());
    assertTrue(read.sameShape(pfl()), read.describe());
    assertEquals(
        "composite [0, 1M) count 1 size 1M; [1M, 64M) count 4 size 4M pool flash;"
            + " [64M, EOF) count all size 16M pool archive",
        read.describe());
  }

  @Test
  void copyingALayoutNeverPinsTheFirstStripeToTheSourceOst() throws IOException {
    Path src = dir.resolve("src");
    lustre.createFile(src, pfl(), 0600);
    FileLayout read = lustre.layout(src);
    // Like the real library, the fake reports where each component's first stripe lives.
    List<Long> sourceOsts = read.components().stream().map(LayoutComponent::firstOstIndex).toList();
    assertFalse(sourceOsts.contains(LayoutComponent.DEFAULT), sourceOsts.toString());

    for (int copy = 0; copy < 4; copy++) {
      Path dst = dir.resolve("dst" + copy);
      lustre.createFile(dst, read, 0600);
      List<Component> stored = FakeLustreapi.components(dst);
      assertEquals(3, stored.size());
      for (Component c : stored) {
        assertTrue(c.ostUnpinned(), "OST index was pinned: " + c);
      }
      assertNotEquals(
          sourceOsts,
          lustre.layout(dst).components().stream().map(LayoutComponent::firstOstIndex).toList(),
          "copies are spread over OSTs");
    }
  }

  @Test
  void dataOnMdtComponentsKeepTheirPatternWithoutStripes() throws IOException {
    FileLayout dom =
        FileLayout.composite(
            new LayoutComponent(0, MIB, 0, MIB, LayoutComponent.MDT, "", LayoutComponent.DEFAULT),
            new LayoutComponent(
                MIB,
                LayoutComponent.EOF,
                2,
                MIB,
                LayoutComponent.RAID0,
                "",
                LayoutComponent.DEFAULT));
    Path f = dir.resolve("dom");
    lustre.createFile(f, dom, 0600);
    FileLayout read = lustre.layout(f);
    assertEquals(LayoutComponent.MDT, read.components().get(0).pattern());
    assertEquals(
        "composite [0, 1M) count default size 1M on MDT; [1M, EOF) count 2 size 1M",
        read.describe());
  }

  @Test
  void errorsBecomeOneLineExceptionsWithTheErrno() throws IOException {
    Path f = dir.resolve("exists");
    Files.writeString(f, "data");
    LustreException e =
        assertThrows(
            LustreException.class, () -> lustre.createFile(f, FileLayout.plain(2, MIB), 0600));
    assertEquals(LustreException.EEXIST, e.errno());
    assertEquals(
        "cannot create " + f + " with layout [0, EOF) count 2 size 1M: File exists",
        e.getMessage());
    assertEquals("data", Files.readString(f));

    LustreException bad =
        assertThrows(
            LustreException.class,
            () -> lustre.createFile(dir.resolve("odd"), FileLayout.plain(2, 1000), 0600));
    assertEquals(LustreException.EINVAL, bad.errno());
    assertTrue(bad.getMessage().endsWith(": Invalid argument"), bad.getMessage());

    LustreException gone =
        assertThrows(LustreException.class, () -> lustre.layout(dir.resolve("gone")));
    assertEquals(
        "cannot read the layout of " + dir.resolve("gone") + ": No such file or directory",
        gone.getMessage());
  }

  @Test
  void layoutsWithMoreComponentsThanFerryReadsAreRefusedClearly() throws IOException {
    Path f = Files.createFile(dir.resolve("many"));
    StringBuilder lov = new StringBuilder("composite 1\n");
    for (int i = 0; i < 65; i++) {
      long end = i == 64 ? LayoutComponent.EOF : (i + 1) * MIB;
      lov.append(Long.toUnsignedString(i * MIB)).append(' ').append(Long.toUnsignedString(end));
      lov.append(" 1 1048576 0 0 ").append(Long.toUnsignedString(LayoutComponent.DEFAULT));
      lov.append(" -\n");
    }
    Files.getFileAttributeView(f, UserDefinedFileAttributeView.class)
        .write(
            "fakelustre.lov", ByteBuffer.wrap(lov.toString().getBytes(StandardCharsets.US_ASCII)));
    LustreException e = assertThrows(LustreException.class, () -> lustre.layout(f));
    assertEquals("the layout of " + f + " has more than 64 components", e.getMessage());
  }

  @Test
  void fileNamesAreNotMangled() throws IOException {
    Path f = dir.resolve("ünï cödé ✓ name");
    lustre.createFile(f, FileLayout.plain(3, MIB), 0600);
    assertTrue(Files.exists(f));
    assertEquals(3, lustre.layout(f).components().get(0).stripeCount());
  }
}
