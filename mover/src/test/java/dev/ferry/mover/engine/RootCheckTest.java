package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.task.Pass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCheckTest {
  @TempDir Path tmp;

  private String refused(Path src, Path dst, Pass... passes) throws Exception {
    List<String> before = Trees.listing(tmp);
    MoverUsageException e =
        assertThrows(MoverUsageException.class, () -> Runs.of(src, dst, passes).run());
    assertEquals(before, Trees.listing(tmp), "nothing created or deleted");
    assertFalse(e.getMessage().contains("\n"), "one line");
    return e.getMessage();
  }

  @Test
  void aMissingSourceIsRefused() throws Exception {
    assertTrue(refused(tmp.resolve("nope"), tmp.resolve("dst")).contains("does not exist"));
  }

  @Test
  void aSourceThatIsNotADirectoryIsRefused() throws Exception {
    Path f = file(tmp.resolve("file"), "x");
    assertTrue(refused(f, tmp.resolve("dst")).contains("not a directory"));
  }

  @Test
  void overlappingRootsAreRefused() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/sub"));
    file(src.resolve("f"), "x");
    assertTrue(refused(tmp.resolve("src"), tmp.resolve("src/sub/dst")).contains("inside source"));
    assertTrue(refused(src, tmp.resolve("src")).contains("inside target"));
    assertTrue(refused(tmp.resolve("src"), tmp.resolve("src/.")).contains("same directory"));
    Files.createSymbolicLink(tmp.resolve("alias"), tmp.resolve("src"));
    assertTrue(refused(tmp.resolve("src"), tmp.resolve("alias")).contains("same directory"));
  }

  @Test
  void aMissingTargetIsRefusedForPassesThatDoNotCreateIt() throws Exception {
    Files.createDirectories(tmp.resolve("src"));
    for (Pass p : List.of(Pass.DELETE, Pass.DIRTIMES, Pass.VERIFY)) {
      assertTrue(refused(tmp.resolve("src"), tmp.resolve("dst"), p).contains("does not exist"));
    }
    assertTrue(refused(tmp.resolve("src"), tmp.resolve("no/parent")).contains("not a directory"));
  }

  @Test
  void anUnwritableTargetIsRefused() throws Exception {
    file(tmp.resolve("src/f"), "x");
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    // chattr +i stops even root from writing (root ignores permission bits).
    Trees.exec("chattr", "+i", dst.toString());
    try {
      assertTrue(refused(tmp.resolve("src"), dst).contains("not writable"));
    } finally {
      Trees.exec("chattr", "-i", dst.toString());
    }
  }
}
