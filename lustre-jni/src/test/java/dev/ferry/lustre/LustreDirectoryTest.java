package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LustreDirectoryTest {
  private final Lustre lustre = FakeLustreapi.library();
  @TempDir Path dir;

  @Test
  void directoryIsCreatedOnTheRequestedMdt() throws IOException {
    for (int mdt = 0; mdt < 4; mdt++) {
      Path d = dir.resolve("d" + mdt);
      lustre.createDirectory(d, 0750, mdt);
      assertTrue(Files.isDirectory(d));
      assertEquals(new FakeLustreapi.Mdt(mdt, mdt), FakeLustreapi.mdt(d));
      assertEquals(mdt, lustre.mdtIndex(d));
    }
  }

  @Test
  void minusOneLetsLustreChoose() throws IOException {
    Path d = dir.resolve("balanced");
    lustre.createDirectory(d, 0755, -1);
    FakeLustreapi.Mdt mdt = FakeLustreapi.mdt(d);
    assertEquals(-1, mdt.requested());
    assertEquals(mdt.index(), lustre.mdtIndex(d));
  }

  @Test
  void plainDirectoriesReportMdtZero() throws IOException {
    Path d = Files.createDirectory(dir.resolve("plain"));
    assertEquals(0, lustre.mdtIndex(d));
  }

  @Test
  void errorsNameTheDirectoryAndTheMdt() throws IOException {
    Path d = dir.resolve("nine");
    LustreException e =
        assertThrows(LustreException.class, () -> lustre.createDirectory(d, 0755, 9));
    assertEquals("cannot create directory " + d + " on MDT 9: Invalid argument", e.getMessage());
    assertFalse(Files.exists(d));

    Files.createDirectory(dir.resolve("taken"));
    LustreException taken =
        assertThrows(
            LustreException.class, () -> lustre.createDirectory(dir.resolve("taken"), 0755, 1));
    assertEquals(LustreException.EEXIST, taken.errno());

    LustreException gone =
        assertThrows(LustreException.class, () -> lustre.mdtIndex(dir.resolve("gone")));
    assertTrue(gone.getMessage().endsWith("No such file or directory"), gone.getMessage());
  }
}
