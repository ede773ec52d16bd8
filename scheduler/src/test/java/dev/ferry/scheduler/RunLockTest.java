package dev.ferry.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path dir;

  @Test
  void secondHolderIsRefusedAndNamesThePid() throws Exception {
    Path file = dir.resolve("run.lock");
    try (RunLock first = RunLock.acquire(file, 4242)) {
      var e = assertThrows(LockHeldException.class, () -> RunLock.acquire(file, 1));
      assertTrue(e.getMessage().contains("pid 4242"), e.getMessage());
      assertEquals("4242\n", Files.readString(file));
    }
    try (RunLock again = RunLock.acquire(file, 7)) {
      assertEquals("7\n", Files.readString(file));
    }
    assertTrue(Files.exists(file), "the lock file is never deleted");
  }

  @Test
  void missingDirectoryIsAConfigErrorAndCreatesNothing() {
    Path file = dir.resolve("no/such/dir/run.lock");
    assertThrows(SchedulerConfigException.class, () -> RunLock.acquire(file, 1));
    assertTrue(Files.notExists(dir.resolve("no")));
  }

  @Test
  void defaultIsUnderTheRuntimeDirElseTmpPerUser() {
    assertEquals(
        dir.resolve("ferry-schedule.lock"),
        RunLock.defaultPath(Map.of("XDG_RUNTIME_DIR", dir.toString()), "/tmp", "ann"));
    assertEquals(
        Path.of("/tmp/ferry-schedule-ann.lock"), RunLock.defaultPath(Map.of(), "/tmp", "ann"));
    assertEquals(
        Path.of("/tmp/ferry-schedule-a_b.lock"),
        RunLock.defaultPath(
            Map.of("XDG_RUNTIME_DIR", dir.resolve("gone").toString()), "/tmp", "a/b"));
  }
}
