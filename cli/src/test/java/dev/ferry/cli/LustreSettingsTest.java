package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.lustre.LustreDiagnosis.Line;
import dev.ferry.lustre.LustreMode;
import dev.ferry.lustre.LustrePolicy;
import dev.ferry.mover.lustre.LustreOptions;
import dev.ferry.mover.lustre.MdtPlacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class LustreSettingsTest {
  @TempDir Path dir;

  private Settings settings(String toml, Map<String, String> env) throws IOException {
    Path config = Files.writeString(dir.resolve("ferry.toml"), toml);
    return Settings.load(config, env, dir, dir);
  }

  @Test
  void defaultsDetectWithStatfsAndPlaceNothing() {
    LustreOptions o = new LustreSettings(Settings.of(Map.of())).options(null, null, null, false);
    assertEquals(LustreOptions.DEFAULT, o);
  }

  @Test
  void environmentWinsOverTheConfigFile() throws IOException {
    String toml =
        """
        [lustre]
        mode = "off"
        library = "/opt/lustre/lib/liblustreapi.so.1"
        mdt_rr = [0, 1]
        [filesystems.panda]
        mount = "/mnt/panda"
        lustre = true
        [filesystems.badger]
        mount = "/mnt/badger"
        lustre = "false"
        """;
    LustreSettings fromFile = new LustreSettings(settings(toml, Map.of()));
    assertEquals(
        new LustreOptions(
            new LustrePolicy(LustreMode.OFF),
            LustreMode.ON,
            LustreMode.OFF,
            MdtPlacement.roundRobin("0,1"),
            Optional.of("/opt/lustre/lib/liblustreapi.so.1")),
        fromFile.options("panda", "badger", null, false));
    assertEquals(LustreMode.AUTO, fromFile.filesystem("other"));

    Map<String, String> env =
        Map.of("FERRY_LUSTRE", "force", "FERRY_LUSTREAPI", "/x/lib.so", "FERRY_MDT_RR", "-1");
    LustreOptions o = new LustreSettings(settings(toml, env)).options("panda", null, null, false);
    assertEquals(new LustrePolicy(LustreMode.ON), o.policy());
    assertEquals(Optional.of("/x/lib.so"), o.library());
    assertEquals(List.of(-1), o.placement().roundRobin());
  }

  @Test
  void flagsWinAndExcludeEachOther() throws IOException {
    LustreSettings s = new LustreSettings(settings("[lustre]\nmdt_rr = \"2,3\"\n", Map.of()));
    assertEquals(MdtPlacement.PRESERVE, s.placement(null, true));
    assertEquals(MdtPlacement.roundRobin("1"), s.placement("1", false));
    assertEquals(MdtPlacement.roundRobin("2,3"), s.placement(null, false));
    UsageException both = assertThrows(UsageException.class, () -> s.placement("0", true));
    assertEquals("--mdt-rr and --mdt-preserve exclude each other", both.getMessage());
  }

  @Test
  void badValuesSayWhereTheyCameFrom() throws IOException {
    LustreSettings s =
        new LustreSettings(
            settings("[filesystems.panda]\nlustre = \"maybe\"\n", Map.of("FERRY_LUSTRE", "on!")));
    assertEquals(
        "FERRY_LUSTRE: expected true, false or auto (or force, off, auto) but got 'on!'",
        assertThrows(UsageException.class, s::policy).getMessage());
    assertTrue(
        assertThrows(UsageException.class, () -> s.filesystem("panda"))
            .getMessage()
            .endsWith(
                "filesystems.panda.lustre: expected true, false or auto (or force, off,"
                    + " auto) but got 'maybe'"));
    assertEquals(
        "--mdt-rr: expected MDT indexes such as 0,1 (or -1) but got 'x'",
        assertThrows(UsageException.class, () -> s.placement("x", false)).getMessage());
    LustreSettings both =
        new LustreSettings(settings("[lustre]\nmdt_rr = [0]\nmdt_preserve = true\n", Map.of()));
    assertEquals(
        "config: lustre.mdt_rr and lustre.mdt_preserve exclude each other",
        assertThrows(UsageException.class, () -> both.placement(null, false)).getMessage());
  }

  @Test
  void diagnosisNamesTheLibraryAndEachConfiguredFilesystem() throws IOException {
    Path missing = dir.resolve("lib/liblustreapi.so.1");
    String toml =
        "[filesystems.panda]\nmount = \""
            + dir
            + "\"\nlustre = true\n[filesystems.badger]\nmount = \""
            + dir
            + "\"\n";
    List<Line> lines =
        new LustreSettings(settings(toml, Map.of("FERRY_LUSTREAPI", missing.toString())))
            .diagnose();
    assertEquals(3, lines.size(), lines.toString());
    assertFalse(lines.get(0).ok(), "panda is Lustre but the library is missing");
    assertTrue(lines.get(0).text().startsWith("liblustreapi not available (" + missing));
    assertEquals(
        new Line(true, "filesystem panda (" + dir + "): handled as Lustre (lustre = true)"),
        lines.get(1));
    assertEquals(
        new Line(true, "filesystem badger (" + dir + "): plain POSIX (statfs)"), lines.get(2));
  }

  @Test
  void plainPathsTakeTheSettingOfTheDeepestConfiguredMountHoldingThem() throws IOException {
    String toml =
        """
        [filesystems.scratch]
        mount = "/lustre"
        lustre = true
        [filesystems.project]
        mount = "/lustre/project"
        lustre = false
        [filesystems.broken]
        write = true
        """;
    LustreSettings s = new LustreSettings(settings(toml, Map.of()));
    assertEquals("project", s.filesystemHolding(Path.of("/lustre/project/x/../y")));
    assertEquals("scratch", s.filesystemHolding(Path.of("/lustre/projects")));
    assertEquals(null, s.filesystemHolding(Path.of("/home/u")));
    assertEquals(LustreMode.ON, s.filesystem(s.filesystemHolding(Path.of("/lustre/tmp"))));
  }

  @Command(name = "probe")
  static final class Probe {
    @Mixin LustreOptionsMixin lustre;
  }

  @Test
  void mixinAddsTheFlagsToACommand() {
    Probe p = new Probe();
    new CommandLine(p).parseArgs("--mdt-rr", "0,1");
    assertEquals(
        MdtPlacement.roundRobin("0,1"),
        p.lustre.resolve(Settings.of(Map.of()), null, null).placement());
    Probe q = new Probe();
    new CommandLine(q).parseArgs("--mdt-preserve");
    assertEquals(
        MdtPlacement.PRESERVE, q.lustre.resolve(Settings.of(Map.of()), null, null).placement());
  }

  @Test
  void aDistributedJobTakesTheNamedFilesystemsSettingAndTheFlags() throws IOException {
    String toml =
        """
        [filesystems.scratch]
        mount = "/lustre"
        lustre = true
        [filesystems.home]
        mount = "/home"
        lustre = false
        """;
    Settings settings = settings(toml, Map.of());
    LustreSettings s = new LustreSettings(settings);
    assertEquals("home", s.filesystemNamed("home:/u/x"));
    assertEquals("scratch", s.filesystemNamed("/lustre/a"));
    assertEquals(null, s.filesystemNamed("/data/a"));

    Probe p = new Probe();
    new CommandLine(p).parseArgs("--mdt-rr", "1,2");
    LustreOptions o = p.lustre.forJob(settings, Path.of("home:/u"), Path.of("/lustre/new"));
    assertEquals(LustreMode.OFF, o.source());
    assertEquals(LustreMode.ON, o.target());
    assertEquals(MdtPlacement.roundRobin("1,2"), o.placement());
  }
}
