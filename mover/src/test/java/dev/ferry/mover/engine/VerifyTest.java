package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.ItemReport;
import dev.ferry.mover.task.Pass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VerifyTest extends TreeTestBase {

  @Test
  void anIdenticalCopyVerifiesClean() throws Exception {
    file(src().resolve("a/b"), Trees.random(3 << 20, 1));
    file(src().resolve("c"), "c");
    Files.createSymbolicLink(src().resolve("l"), Path.of("c"));
    Runs.of(src(), dst()).run();
    Runs v = Runs.of(src(), dst(), Pass.VERIFY);
    v.chunkThreshold = 1 << 20;
    v.chunkSize = 1 << 20;
    RunSummary s = v.run();
    assertTrue(s.clean(), s.text() + s.differences());
  }

  @Test
  void everyDifferenceIsListedByPath() throws Exception {
    byte[] big = Trees.random(3 << 20, 2);
    file(src().resolve("big"), big);
    file(src().resolve("same"), "same");
    file(src().resolve("content"), "abc");
    file(src().resolve("size"), "abc");
    file(src().resolve("missing"), "m");
    file(src().resolve("dir/inner"), "i");
    Files.createSymbolicLink(src().resolve("link"), Path.of("same"));
    Runs.of(src(), dst()).run();

    big[(2 << 20) + 5] ^= 1;
    Files.write(dst().resolve("big"), big);
    Trees.times(dst().resolve("big"), Trees.stat(src().resolve("big")).mtimeNanos(), 0);
    Files.writeString(dst().resolve("content"), "abd");
    Trees.times(dst().resolve("content"), Trees.stat(src().resolve("content")).mtimeNanos(), 0);
    Files.writeString(dst().resolve("size"), "abcd");
    Files.delete(dst().resolve("missing"));
    file(dst().resolve("extra"), "only here");
    Files.delete(dst().resolve("link"));
    Files.createSymbolicLink(dst().resolve("link"), Path.of("content"));
    Files.setAttribute(dst().resolve("same"), "unix:mode", 0600);

    Runs v = Runs.of(src(), dst(), Pass.VERIFY);
    v.chunkThreshold = 1 << 20;
    v.chunkSize = 1 << 20;
    RunSummary s = v.run();

    assertFalse(s.clean());
    Map<String, String> diffs = new TreeMap<>();
    for (ItemReport r : s.differences()) {
      diffs.merge(r.path().display(), r.message(), (x, y) -> x + "; " + y);
    }
    assertEquals(
        Map.of(
            "big", "content differs in bytes 2097152..3145728",
            "content", "content differs",
            "extra", "only in target",
            "link", "mtime differs; symlink target differs",
            "missing", "missing in target",
            "same", "mode differs: 0644 in source, 0600 in target",
            "size", "mtime differs; size differs: 3 in source, 4 in target"),
        diffs);
    assertTrue(v.out.toString().contains("only in target: extra"), v.out.toString());
  }
}
