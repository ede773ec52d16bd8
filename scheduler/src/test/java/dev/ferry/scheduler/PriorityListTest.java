package dev.ferry.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriorityListTest {
  @TempDir Path dir;

  @Test
  void stripsCrlfAndTrailingBlanksButKeepsLeadingOnes() throws Exception {
    Path file = dir.resolve("p.txt");
    Files.write(file, "/repl3\r\n/repl1  \t\r\n  /indented\r\n".getBytes(StandardCharsets.UTF_8));
    PriorityList list = PriorityList.read(file);
    assertEquals(List.of("/repl3", "/repl1", "  /indented"), list.paths());
    assertEquals(OptionalInt.of(1), list.position("/repl1"));
    assertEquals(OptionalInt.empty(), list.position("/indented"));
  }

  @Test
  void ignoresBlankLinesAndComments() {
    PriorityList list = PriorityList.parse(List.of("# top", "", "   ", "/a", "#/b", "/c"));
    assertEquals(List.of("/a", "/c"), list.paths());
    assertEquals(OptionalInt.empty(), list.position("#/b"));
  }

  @Test
  void matchesExactlyAndKeepsTheFirstOccurrence() {
    PriorityList list = PriorityList.parse(List.of("/x", "/repl1", "/x", "/Repl1/"));
    assertEquals(OptionalInt.of(0), list.position("/x"));
    assertEquals(OptionalInt.empty(), list.position("/repl1/"));
    assertEquals(OptionalInt.empty(), list.position("/REPL1"));
    assertEquals(OptionalInt.empty(), list.position(null));
  }

  @Test
  void missingFileIsAConfigError() {
    var e =
        assertThrows(
            SchedulerConfigException.class, () -> PriorityList.read(dir.resolve("nope.txt")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void directoryIsAConfigError() {
    assertThrows(SchedulerConfigException.class, () -> PriorityList.read(dir));
  }

  @Test
  void nonUtf8FileIsAConfigError() throws Exception {
    Path file = Files.write(dir.resolve("bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x2f});
    var e = assertThrows(SchedulerConfigException.class, () -> PriorityList.read(file));
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }
}
