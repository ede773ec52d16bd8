package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #3 through the packaged binary, traced with {@code strace}: a pass that writes ends with
 * one {@code syncfs(2)} of the target's filesystem, so when ferry reports it done its writes are on
 * disk (and a failed writeback would have been reported); passes that write nothing flush nothing.
 */
class MoverFlushTest {
  @TempDir Path tmp;

  @Test
  void eachWritingPassFlushesTheTargetOnceAndOtherRunsNever() throws Exception {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    MoverTrees.sh(
        "mkdir -p \"$1/a/b\" && for f in a/f1 a/b/f2 top; do echo \"$f\" > \"$1/$f\"; done",
        src.toString());

    assertEquals(List.of(dst.toString()), syncfsCalls("copy", src.toString(), dst.toString()));
    assertEquals(
        List.of(dst.toString(), dst.toString(), dst.toString()),
        syncfsCalls("sync", src.toString(), dst.toString()),
        "copy, delete and dirtimes each flush once");
    assertEquals(List.of(), syncfsCalls("verify", src.toString(), dst.toString()));
    assertEquals(
        List.of(), syncfsCalls("copy", "--dry-run", src.toString(), tmp.resolve("new").toString()));
  }

  /** Runs ferry under strace; the directory each syncfs(2) was given, in order. */
  private List<String> syncfsCalls(String... args) throws Exception {
    List<String> dirs = new ArrayList<>();
    for (String line : Strace.ferry(tmp, "syncfs", args)) {
      int call = line.indexOf("syncfs(");
      if (call >= 0) {
        // strace -y prints the descriptor as 5</path/of/dir>; the call must have succeeded.
        String rest = line.substring(call);
        assertTrue(rest.endsWith("= 0"), line);
        dirs.add(rest.substring(rest.indexOf('<') + 1, rest.indexOf('>')));
      }
    }
    return dirs;
  }
}
