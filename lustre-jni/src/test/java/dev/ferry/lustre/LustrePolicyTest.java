package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LustrePolicyTest {
  @TempDir Path dir;

  @Test
  void modesParseFromConfigAndEnvironmentSpellings() {
    assertEquals(LustreMode.ON, LustreMode.parse("true"));
    assertEquals(LustreMode.ON, LustreMode.parse(" Force "));
    assertEquals(LustreMode.OFF, LustreMode.parse("false"));
    assertEquals(LustreMode.OFF, LustreMode.parse("OFF"));
    assertEquals(LustreMode.AUTO, LustreMode.parse("auto"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LustreMode.parse("maybe"));
    assertEquals(
        "expected true, false or auto (or force, off, auto) but got 'maybe'", e.getMessage());
  }

  @Test
  void runWideForceOrOffOverridesEachFilesystem() throws IOException {
    LustrePolicy force = new LustrePolicy(LustreMode.ON);
    LustrePolicy off = new LustrePolicy(LustreMode.OFF);
    for (LustreMode fs : LustreMode.values()) {
      assertTrue(force.treatsAsLustre(dir, fs));
      assertFalse(off.treatsAsLustre(dir, fs));
    }
  }

  @Test
  void autoDefersToTheFilesystemAndThenToStatfs() throws IOException {
    assertTrue(LustrePolicy.AUTO.treatsAsLustre(dir, LustreMode.ON));
    assertFalse(LustrePolicy.AUTO.treatsAsLustre(dir, LustreMode.OFF));
    assertFalse(LustrePolicy.AUTO.treatsAsLustre(dir, LustreMode.AUTO), "a local disk");
    assertEquals(LustreMode.AUTO, LustrePolicy.AUTO.effective(LustreMode.AUTO));
  }
}
