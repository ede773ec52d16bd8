package dev.ferry.mover.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.lustre.FakeLustreapi;
import dev.ferry.lustre.FileLayout;
import dev.ferry.lustre.LayoutComponent;
import dev.ferry.lustre.Lustre;
import dev.ferry.mover.task.EntryStat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LustreTargetCreatorTest {
  private static final long MIB = 1 << 20;
  private final Lustre lustre = FakeLustreapi.library();
  private final List<String> warnings = new ArrayList<>();
  @TempDir Path tmp;
  private Path src;
  private Path dst;

  @BeforeEach
  void roots() throws IOException {
    src = Files.createDirectory(tmp.resolve("src"));
    dst = Files.createDirectory(tmp.resolve("dst"));
  }

  private LustreTargetCreator creator(boolean sourceIsLustre, MdtPlacement placement) {
    return new LustreTargetCreator(lustre, sourceIsLustre, dst, placement, warnings::add);
  }

  private static FileLayout pfl(String pool) {
    return FileLayout.composite(
        new LayoutComponent(0, 4 * MIB, 1, MIB, 0, "", LayoutComponent.DEFAULT),
        new LayoutComponent(4 * MIB, LayoutComponent.EOF, 8, 4 * MIB, 0, pool, 0));
  }

  private Path sourceFile(String name, FileLayout layout, String content) throws IOException {
    Path f = src.resolve(name);
    lustre.createFile(f, layout, 0644);
    Files.writeString(f, content);
    return f;
  }

  private static void write(FileChannel ch, String content) throws IOException {
    try (ch) {
      ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void fileGetsItsSourceLayoutWithTheFirstOstUnpinnedAndTakesTheData() throws IOException {
    Path s = sourceFile("big", pfl("flash"), "payload");
    Path t = dst.resolve("big");
    write(creator(true, MdtPlacement.NONE).createFile(t, s, EntryStat.lstat(s)), "payload");
    assertEquals("payload", Files.readString(t));
    assertTrue(lustre.layout(t).sameShape(pfl("flash")), lustre.layout(t).describe());
    FakeLustreapi.components(t).forEach(c -> assertTrue(c.ostUnpinned(), c.toString()));
    assertEquals(List.of(), warnings);
  }

  @Test
  void missingPoolOnTheTargetIsDroppedAndReportedOnce() throws IOException {
    // The source's pool is set in its stored layout: the fake checks pools only at creation.
    Path s1 = sourceFile("a", pfl("flash"), "1");
    Path s2 = sourceFile("b", pfl("flash"), "2");
    renamePool(s1, "flash", "ssd");
    renamePool(s2, "flash", "ssd");
    LustreTargetCreator creator = creator(true, MdtPlacement.NONE);
    write(creator.createFile(dst.resolve("a"), s1, EntryStat.lstat(s1)), "1");
    write(creator.createFile(dst.resolve("b"), s2, EntryStat.lstat(s2)), "2");
    assertEquals(Set.of(), lustre.layout(dst.resolve("a")).pools());
    assertEquals(Set.of(), lustre.layout(dst.resolve("b")).pools());
    assertEquals("2", Files.readString(dst.resolve("b")));
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("pool 'ssd' does not exist"), warnings.get(0));
    assertEquals(Set.of(), creator.intendedLayout(s1).orElseThrow().pools());
  }

  @Test
  void existingTargetIsRefusedLikePosixAndLeftAlone() throws IOException {
    Path s = sourceFile("f", pfl("flash"), "new");
    Path t = Files.writeString(dst.resolve("f"), "old");
    assertThrows(
        FileAlreadyExistsException.class,
        () -> creator(true, MdtPlacement.NONE).createFile(t, s, EntryStat.lstat(s)));
    assertEquals("old", Files.readString(t));
  }

  @Test
  void plainSourceGivesPlainFiles() throws IOException {
    Path s = Files.writeString(src.resolve("plain"), "x");
    Path t = dst.resolve("plain");
    write(creator(false, MdtPlacement.NONE).createFile(t, s, EntryStat.lstat(s)), "x");
    assertFalse(FakeLustreapi.hasLayout(t));
    assertEquals("x", Files.readString(t));
  }

  @Test
  void firstLevelDirectoriesGoRoundRobinAndDeeperOnesAreLeftToLustre() throws IOException {
    LustreTargetCreator creator = creator(true, MdtPlacement.roundRobin("0,1"));
    List<Integer> mdts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Path s = Files.createDirectory(src.resolve("d" + i));
      Path t = dst.resolve("d" + i);
      creator.createDirectory(t, s, EntryStat.lstat(s));
      mdts.add(FakeLustreapi.mdt(t).requested());
      assertEquals(FakeLustreapi.mdt(t).index(), lustre.mdtIndex(t));
    }
    assertEquals(List.of(0, 1, 0, 1, 0), mdts);
    Path inner = Files.createDirectory(src.resolve("d0/inner"));
    creator.createDirectory(dst.resolve("d0/inner"), inner, EntryStat.lstat(inner));
    assertTrue(Files.isDirectory(dst.resolve("d0/inner")));
    assertFalse(FakeLustreapi.placed(dst.resolve("d0/inner")));
  }

  @Test
  void minusOneAsksLustreToBalance() throws IOException {
    Path s = Files.createDirectory(src.resolve("d"));
    creator(true, MdtPlacement.roundRobin("-1")).createDirectory(dst.resolve("d"), s, null);
    assertEquals(-1, FakeLustreapi.mdt(dst.resolve("d")).requested());
  }

  @Test
  void preserveUsesTheSourceDirectorysMdt() throws IOException {
    LustreTargetCreator creator = creator(true, MdtPlacement.PRESERVE);
    for (int mdt : new int[] {3, 1, 2}) {
      Path s = src.resolve("m" + mdt);
      lustre.createDirectory(s, 0755, mdt);
      creator.createDirectory(dst.resolve("m" + mdt), s, EntryStat.lstat(s));
      assertEquals(new FakeLustreapi.Mdt(mdt, mdt), FakeLustreapi.mdt(dst.resolve("m" + mdt)));
    }
    assertEquals(List.of(), warnings);
  }

  @Test
  void sourceMdtTheTargetLacksFallsBackToLustreWithOneWarning() throws IOException {
    LustreTargetCreator creator = creator(true, MdtPlacement.PRESERVE);
    for (String name : List.of("x", "y")) {
      Path s = Files.createDirectory(src.resolve(name));
      setXattr(s, "fakelustre.lmv", "7 7"); // the source filesystem has 8 MDTs, the target 4
      creator.createDirectory(dst.resolve(name), s, EntryStat.lstat(s));
      assertEquals(-1, FakeLustreapi.mdt(dst.resolve(name)).requested());
    }
    assertEquals(
        List.of(
            "cannot create directories on MDT 7 of the target (Invalid argument); Lustre places"
                + " them instead"),
        warnings);
  }

  @Test
  void existingDirectoryIsRefusedLikePosix() throws IOException {
    Files.createDirectory(dst.resolve("d"));
    Path s = Files.createDirectory(src.resolve("d"));
    assertThrows(
        FileAlreadyExistsException.class,
        () ->
            creator(true, MdtPlacement.roundRobin("1")).createDirectory(dst.resolve("d"), s, null));
  }

  private static void renamePool(Path f, String from, String to) throws IOException {
    UserDefinedFileAttributeView v =
        Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
    ByteBuffer buf = ByteBuffer.allocate(v.size("fakelustre.lov"));
    v.read("fakelustre.lov", buf);
    String text = new String(buf.array(), StandardCharsets.US_ASCII).replace(" " + from, " " + to);
    setXattr(f, "fakelustre.lov", text);
  }

  private static void setXattr(Path p, String name, String value) throws IOException {
    Files.getFileAttributeView(p, UserDefinedFileAttributeView.class)
        .write(name, ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII)));
  }
}
