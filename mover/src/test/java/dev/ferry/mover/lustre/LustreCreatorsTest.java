package dev.ferry.mover.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.lustre.FakeLustreapi;
import dev.ferry.lustre.FileLayout;
import dev.ferry.lustre.Lustre;
import dev.ferry.lustre.LustreMode;
import dev.ferry.lustre.LustrePolicy;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.task.EntryStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LustreCreatorsTest {
  private final List<String> warnings = new ArrayList<>();
  private final Optional<String> fake = Optional.of(System.getenv(Lustre.LIBRARY_ENV));
  @TempDir Path tmp;
  private Path src;
  private Path dst;
  private Path source;

  @BeforeEach
  void tree() throws IOException {
    src = Files.createDirectory(tmp.resolve("src"));
    dst = Files.createDirectory(tmp.resolve("dst"));
    source = src.resolve("f");
    FakeLustreapi.library().createFile(source, FileLayout.plain(4, 1 << 20), 0644);
  }

  private LustreOptions options(LustreMode runWide, MdtPlacement placement, Optional<String> lib) {
    return new LustreOptions(
        new LustrePolicy(runWide), LustreMode.AUTO, LustreMode.AUTO, placement, lib);
  }

  private void copyOneFile(TargetCreator creator) throws IOException {
    creator.createFile(dst.resolve("f"), source, EntryStat.lstat(source)).close();
  }

  @Test
  void forcedLustreWithTheLibraryPreservesLayouts() throws IOException {
    TargetCreator creator =
        LustreCreators.forCopy(
            options(LustreMode.ON, MdtPlacement.NONE, fake), src, dst, warnings::add);
    assertInstanceOf(LustreTargetCreator.class, creator);
    copyOneFile(creator);
    assertEquals(4, FakeLustreapi.components(dst.resolve("f")).get(0).count());
    assertEquals(List.of(), warnings);
  }

  @Test
  void libraryPresentButFilesystemNotLustreCopiesPlainAndSaysNothing() throws IOException {
    TargetCreator creator =
        LustreCreators.forCopy(
            options(LustreMode.AUTO, MdtPlacement.NONE, fake), src, dst, warnings::add);
    assertInstanceOf(PosixTargetCreator.class, creator);
    copyOneFile(creator);
    assertFalse(FakeLustreapi.hasLayout(dst.resolve("f")));
    assertEquals(List.of(), warnings);
  }

  @Test
  void libraryAbsentCopiesPlainAndSaysSoOnce() throws IOException {
    Optional<String> absent = Optional.of(tmp.resolve("no/liblustreapi.so.1").toString());
    TargetCreator creator =
        LustreCreators.forCopy(
            options(LustreMode.ON, MdtPlacement.roundRobin("0,1"), absent),
            src,
            dst,
            warnings::add);
    assertInstanceOf(PosixTargetCreator.class, creator);
    copyOneFile(creator);
    assertTrue(Files.isRegularFile(dst.resolve("f")));
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("liblustreapi not available ("), warnings.get(0));
    assertTrue(warnings.get(0).endsWith("files are copied as plain POSIX"), warnings.get(0));
  }

  @Test
  void placementOnANonLustreTargetIsReportedAsIgnored() throws IOException {
    LustreCreators.forCopy(
        options(LustreMode.AUTO, MdtPlacement.roundRobin("0,1"), fake), src, dst, warnings::add);
    assertEquals(
        List.of("--mdt-rr 0,1 is ignored: the target " + dst + " is not handled as Lustre"),
        warnings);
  }

  @Test
  void aTargetRootStillToBeCreatedIsJudgedByItsParent() throws IOException {
    Path later = dst.resolve("not/yet");
    TargetCreator creator =
        LustreCreators.forCopy(
            options(LustreMode.AUTO, MdtPlacement.NONE, fake), src, later, warnings::add);
    assertInstanceOf(PosixTargetCreator.class, creator);
    assertFalse(Files.exists(later), "judging the target creates nothing");
  }

  @Test
  void perFilesystemSettingDecidesUnderAuto() throws IOException {
    LustreOptions targetOnly =
        new LustreOptions(
            LustrePolicy.AUTO, LustreMode.OFF, LustreMode.ON, MdtPlacement.NONE, fake);
    TargetCreator creator = LustreCreators.forCopy(targetOnly, src, dst, warnings::add);
    assertInstanceOf(LustreTargetCreator.class, creator);
    copyOneFile(creator);
    assertFalse(FakeLustreapi.hasLayout(dst.resolve("f")), "the source is not read as Lustre");
  }

  @Test
  void aJobThatDemandsLustreIsRefusedWithoutTheLibraryAndCreatesNothing() {
    Optional<String> absent = Optional.of(tmp.resolve("no/liblustreapi.so.1").toString());
    LustreOptions demanding =
        new LustreOptions(
            LustrePolicy.AUTO,
            LustreMode.ON,
            LustreMode.ON,
            MdtPlacement.roundRobin("0,1"),
            absent);
    LustreUnavailableException e =
        assertThrows(
            LustreUnavailableException.class,
            () -> LustreCreators.forJob(demanding, src, dst, warnings::add));
    assertTrue(
        e.getMessage()
            .startsWith(
                "the job demands Lustre on its target (lustre = on) but liblustreapi is not"
                    + " available on this node ("),
        e.getMessage());
    assertTrue(e.getMessage().contains("no/liblustreapi.so.1"), e.getMessage());
    assertEquals(List.of(), warnings, "a refusal, not a warning");
  }

  @Test
  void aJobLeftToDetectionOnANodeWithoutLustreCopiesPlainQuietly() throws IOException {
    Optional<String> absent = Optional.of(tmp.resolve("no/liblustreapi.so.1").toString());
    LustreOptions job =
        LustreJobOptions.onNode(LustreOptions.DEFAULT, LustreMode.AUTO, LustreMode.AUTO, absent);
    TargetCreator creator = LustreCreators.forJob(job, src, dst, warnings::add);
    assertInstanceOf(PosixTargetCreator.class, creator);
    assertEquals(List.of(), warnings, "statfs says tmp is not Lustre: nothing to say");
  }

  @Test
  void aNodeConfiguredLustreForTheTargetRefusesWithoutTheLibraryToo() {
    Optional<String> absent = Optional.of(tmp.resolve("no/liblustreapi.so.1").toString());
    LustreOptions job =
        LustreJobOptions.onNode(LustreOptions.DEFAULT, LustreMode.AUTO, LustreMode.ON, absent);
    assertThrows(
        LustreUnavailableException.class,
        () -> LustreCreators.forJob(job, src, dst, warnings::add));
  }

  @Test
  void aJobWithTheLibraryGetsTheLustreCreator() throws IOException {
    LustreOptions job =
        LustreJobOptions.onNode(
            LustreJobOptions.decode(
                Optional.of(
                    LustreJobOptions.encode(options(LustreMode.ON, MdtPlacement.NONE, fake)))),
            LustreMode.AUTO,
            LustreMode.AUTO,
            fake);
    TargetCreator creator = LustreCreators.forJob(job, src, dst, warnings::add);
    assertInstanceOf(LustreTargetCreator.class, creator);
    copyOneFile(creator);
    assertEquals(4, FakeLustreapi.components(dst.resolve("f")).get(0).count());
  }
}
