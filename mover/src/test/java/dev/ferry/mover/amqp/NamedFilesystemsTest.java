package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.amqp.NamedFilesystems.Filesystem;
import dev.ferry.mover.amqp.NamedFilesystems.RefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedFilesystemsTest {
  @TempDir Path dir;

  private NamedFilesystems table(boolean pandaWritable, boolean requireMount) throws Exception {
    Path panda = Files.createDirectories(dir.resolve("mnt/panda"));
    Path badger = Files.createDirectories(dir.resolve("mnt/badger"));
    return new NamedFilesystems(
        Map.of(
            "panda", new Filesystem("panda", panda, pandaWritable, requireMount),
            "badger", new Filesystem("badger", badger, true, requireMount)));
  }

  @Test
  void namesResolveUnderTheirLocalMount() throws Exception {
    NamedFilesystems t = table(false, false);
    assertEquals("panda:/user_xyz", t.canonical("panda:/user_xyz/"));
    assertEquals(dir.resolve("mnt/panda/user_xyz"), t.resolve("panda:/user_xyz", false));
    assertEquals(dir.resolve("mnt/badger"), t.resolve("badger:/", true));
    assertEquals(Path.of("/data/src"), t.resolve("/data/./src", true));
  }

  @Test
  void writingToAFilesystemNotMarkedWritableIsRefused() throws Exception {
    NamedFilesystems t = table(false, false);
    RefusedException e =
        assertThrows(RefusedException.class, () -> t.resolve("panda:/user_xyz", true));
    assertTrue(e.getMessage().contains("write = true"), e.getMessage());
    // A plain path inside that filesystem's mount is the same filesystem.
    Path inside = dir.resolve("mnt/panda/x");
    assertThrows(RefusedException.class, () -> t.resolve(inside.toString(), true));
  }

  @Test
  void escapesAreRefusedLexicallyAndThroughSymlinks() throws Exception {
    NamedFilesystems t = table(true, false);
    assertThrows(RefusedException.class, () -> t.canonical("panda:/a/../../etc"));
    Files.createSymbolicLink(dir.resolve("mnt/panda/out"), dir);
    RefusedException e = assertThrows(RefusedException.class, () -> t.resolve("panda:/out", false));
    assertTrue(e.getMessage().contains("leaves filesystem panda"), e.getMessage());
  }

  @Test
  void unknownNamesAndRelativePathsAreRefused() throws Exception {
    NamedFilesystems t = table(true, false);
    assertThrows(RefusedException.class, () -> t.canonical("otter:/x"));
    assertThrows(RefusedException.class, () -> t.canonical("relative/path"));
  }

  @Test
  void aMountPointThatIsNotMountedIsRefused() throws Exception {
    NamedFilesystems t = table(true, true);
    RefusedException e = assertThrows(RefusedException.class, () -> t.resolve("badger:/x", true));
    assertTrue(e.getMessage().contains("not mounted on this node"), e.getMessage());
    assertEquals(2, t.unavailable().size(), "a worker names both when it starts");
    Files.delete(dir.resolve("mnt/badger"));
    e = assertThrows(RefusedException.class, () -> t.resolve("badger:/x", true));
    assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
  }

  @Test
  void aRealMountPointIsAccepted() {
    // /proc is a mount point on every Linux machine, on a device of its own.
    NamedFilesystems t =
        new NamedFilesystems(Map.of("proc", new Filesystem("proc", Path.of("/proc"), false, true)));
    assertEquals(Path.of("/proc/self"), t.resolve("proc:/self", false));
  }
}
