package dev.ferry.mover.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.mover.task.RelPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RootsTest {
  private final Roots roots =
      new Roots(Map.of("old", Path.of("/mnt/old"), "new", Path.of("/x/new")));

  @Test
  void resolvesRelativePathsUnderTheNamedRoot() {
    assertEquals(Path.of("/mnt/old/a/b"), roots.resolve("old", RelPath.of(Path.of("a/b"))));
    assertEquals(Path.of("/x/new"), roots.resolve("new", RelPath.ROOT));
  }

  @Test
  void refusesEscapesUnknownNamesAndRelativeRoots() {
    assertThrows(IllegalArgumentException.class, () -> RelPath.of(Path.of("a/../../etc")));
    assertThrows(IllegalArgumentException.class, () -> RelPath.of(Path.of("/etc")));
    assertThrows(IllegalArgumentException.class, () -> RelPath.of(Path.of("./a")));
    assertThrows(
        IllegalArgumentException.class,
        () -> RelPath.ofBytes("..".getBytes(StandardCharsets.US_ASCII)));
    assertThrows(IllegalArgumentException.class, () -> RelPath.ofBytes(new byte[] {'a', 0, 'b'}));
    assertThrows(IllegalArgumentException.class, () -> roots.resolve("other", RelPath.ROOT));
    assertThrows(IllegalArgumentException.class, () -> new Roots(Map.of("x", Path.of("rel"))));
    assertThrows(IllegalArgumentException.class, () -> new Roots(Map.of("x", Path.of("/a/../b"))));
  }

  @Test
  void displayEscapesBytesThatAreNotUtf8() {
    RelPath p = RelPath.ofBytes(new byte[] {'a', (byte) 0xff, '\n', (byte) 0xc3, (byte) 0xa9});
    assertEquals("a\\xff\\x0a\\xc3\\xa9", p.display());
    assertEquals("caf\u00e9", RelPath.ofBytes("café".getBytes(StandardCharsets.UTF_8)).display());
  }
}
