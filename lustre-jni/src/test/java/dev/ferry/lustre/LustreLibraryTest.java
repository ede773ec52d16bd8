package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LustreLibraryTest {
  @TempDir Path dir;

  @Test
  void jniLibraryLoadsFromTheClasspathResource() {
    assertNull(NativeLoader.failure());
    assertTrue(NativeLoader.class.getResource(NativeLoader.resource()) != null);
  }

  @Test
  void loadsTheLibraryNamedByTheEnvironmentAndSaysWhereFrom() throws IOException {
    String fake = System.getenv(Lustre.LIBRARY_ENV);
    Lustre lustre = Lustre.forEnvironment(Map.of(Lustre.LIBRARY_ENV, fake));
    assertTrue(lustre.available(), lustre.describe());
    assertTrue(lustre.unavailableReason().isEmpty());
    Path loaded = Path.of(lustre.loadedFrom().orElseThrow());
    assertTrue(Files.isSameFile(Path.of(fake), loaded), loaded.toString());
    assertEquals("liblustreapi loaded from " + loaded, lustre.describe());
    assertTrue(lustre == Lustre.library(fake), "dlopen()ed once per path");
  }

  @Test
  void absentLibraryIsReportedAndEveryCallFailsCleanly() {
    Path missing = dir.resolve("nowhere/liblustreapi.so.1");
    Lustre lustre = Lustre.library(missing.toString());
    assertFalse(lustre.available());
    assertTrue(lustre.loadedFrom().isEmpty());
    String why = lustre.unavailableReason().orElseThrow();
    assertTrue(why.contains("No such file"), why);
    assertTrue(
        lustre.describe().startsWith("liblustreapi not available (" + missing), lustre.describe());
    assertTrue(lustre.describe().endsWith("files are copied as plain POSIX"), lustre.describe());
    LustreException e = assertThrows(LustreException.class, () -> lustre.layout(dir));
    assertEquals(LustreException.ENOSYS, e.errno());
    assertEquals(lustre.describe(), e.getMessage());
    assertThrows(LustreException.class, () -> lustre.createDirectory(dir.resolve("d"), 0755, 0));
    assertFalse(Files.exists(dir.resolve("d")));
  }

  @Test
  void aLibraryWithoutTheLayoutApiIsRefusedByName() {
    Lustre lustre = Lustre.library("libc.so.6");
    assertFalse(lustre.available());
    assertEquals(
        "llapi_msg_set_level is missing (Lustre 2.10 or later is needed)",
        lustre.unavailableReason().orElseThrow());
  }

  @Test
  void statfsTellsLocalFilesystemsFromLustre() throws IOException {
    assertFalse(Lustre.isLustre(dir));
    IOException e = assertThrows(IOException.class, () -> Lustre.isLustre(dir.resolve("gone")));
    assertTrue(e.getMessage().startsWith("cannot statfs " + dir.resolve("gone")), e.getMessage());
    assertTrue(e.getMessage().endsWith("No such file or directory"), e.getMessage());
    assertFalse(e instanceof NoSuchFileException);
  }
}
