package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static dev.ferry.mover.engine.Trees.stat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.Pass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeleteAndDirTimesTest extends TreeTestBase {

  @Test
  void deleteRemovesOnlyWhatIsAbsentFromTheSourceAndNeverFollowsLinks() throws Exception {
    file(src().resolve("keep/a"), "a");
    file(src().resolve("keep/b"), "b");
    Runs.of(src(), dst()).run();
    file(dst().resolve("keep/gone"), "removed from source");
    file(dst().resolve("gonedir/x/y"), "whole subtree");
    Path outside = file(tmp.resolve("outside/precious"), "p");
    Files.createSymbolicLink(dst().resolve("keep/link-out"), outside.getParent());
    Files.delete(src().resolve("keep/b"));

    RunSummary s = Runs.of(src(), dst(), Pass.DELETE).run();

    assertTrue(s.clean(), s.text());
    assertEquals(List.of("keep", "keep/a"), Trees.listing(dst()));
    assertTrue(Files.exists(outside), "a symlink is removed as a link, its target untouched");
    assertEquals(6, s.count(Counter.DELETED)); // gone, gonedir, x, y, link-out, b
  }

  @Test
  void deleteKeepsExcludedEntries() throws Exception {
    file(src().resolve("a"), "a");
    file(dst().resolve("a"), "a");
    file(dst().resolve("local.conf"), "only here, excluded");
    Runs r = Runs.of(src(), dst(), Pass.DELETE);
    r.excludes.add("*.conf");
    r.run();
    assertTrue(Files.exists(dst().resolve("local.conf")));
  }

  @Test
  void deleteKeepsAnEntryWhoseSourceCannotBeCheckedForAnyReasonButEnoent() throws Exception {
    // The source has a file where the target has a directory: lstat of a name below it fails
    // with ENOTDIR, which is not ENOENT, and the delete pass must not descend or remove.
    file(src().resolve("d"), "now a file");
    file(dst().resolve("d/child"), "old");
    RunSummary s = Runs.of(src(), dst(), Pass.DELETE).run();
    assertTrue(Files.exists(dst().resolve("d/child")));
    assertEquals(0, s.count(Counter.DELETED));
  }

  @Test
  void deleteRefusesAnEmptySourceUnlessAllowed() throws Exception {
    Files.createDirectories(src());
    file(dst().resolve("data"), "all of it");
    MoverUsageException e =
        assertThrows(MoverUsageException.class, () -> Runs.of(src(), dst(), Pass.DELETE).run());
    assertTrue(e.getMessage().contains("--allow-empty-source"), e.getMessage());
    assertTrue(Files.exists(dst().resolve("data")));
    Runs allowed = Runs.of(src(), dst(), Pass.DELETE);
    allowed.allowEmptySource = true;
    allowed.run();
    assertFalse(Files.exists(dst().resolve("data")));
  }

  @Test
  void aDryRunDeleteDeletesNothing() throws Exception {
    file(src().resolve("a"), "a");
    file(dst().resolve("a"), "a");
    file(dst().resolve("extra"), "x");
    Runs r = Runs.of(src(), dst(), Pass.DELETE);
    r.dryRun = true;
    RunSummary s = r.run();
    assertTrue(Files.exists(dst().resolve("extra")));
    assertEquals(1, s.count(Counter.DIFFERENT));
    assertTrue(r.out.toString().contains("would delete: extra"), r.out.toString());
  }

  @Test
  void syncMakesAnIdenticalTreeWithAllDirectoryTimesAfterDeletes() throws Exception {
    for (int depth = 0; depth < 5; depth++) {
      String dir = "a/b/c/d/e".substring(0, 2 * depth + 1);
      file(src().resolve(dir + "/f"), "level " + depth);
      file(src().resolve(dir + "/g"), "level " + depth);
    }
    Runs.of(src(), dst()).run();
    // Users remove files at every level: each removal moves a target directory's mtime.
    for (int depth = 0; depth < 5; depth++) {
      Files.delete(src().resolve("a/b/c/d/e".substring(0, 2 * depth + 1) + "/g"));
    }
    long t = 1_234_567_890_123_456_789L;
    for (String d : List.of("a", "a/b", "a/b/c", "a/b/c/d", "a/b/c/d/e")) {
      Trees.times(src().resolve(d), t, t);
      t += 1_000_000_007L;
    }

    RunSummary s = Runs.of(src(), dst(), Pass.COPY, Pass.DELETE, Pass.DIRTIMES).run();

    assertTrue(s.clean(), s.text());
    assertEquals(5, s.count(Counter.DELETED));
    Trees.assertSameTree(src(), dst());
    for (String d : List.of("", "a", "a/b", "a/b/c", "a/b/c/d", "a/b/c/d/e")) {
      Path sd = d.isEmpty() ? src() : src().resolve(d);
      Path td = d.isEmpty() ? dst() : dst().resolve(d);
      assertEquals(stat(sd).mtimeNanos(), stat(td).mtimeNanos(), "mtime of directory " + d);
    }
  }

  @Test
  void dirtimesAloneSetsTimesOfExistingDirectoriesOnly() throws Exception {
    file(src().resolve("x/y/f"), "f");
    Runs.of(src(), dst()).run();
    file(dst().resolve("x/y/new"), "moves y's mtime");
    Files.createDirectories(src().resolve("only-in-src"));
    RunSummary s = Runs.of(src(), dst(), Pass.DIRTIMES).run();
    assertTrue(s.clean(), s.text());
    assertEquals(stat(src().resolve("x/y")).mtimeNanos(), stat(dst().resolve("x/y")).mtimeNanos());
    assertFalse(Files.exists(dst().resolve("only-in-src")), "dirtimes creates nothing");
  }
}
