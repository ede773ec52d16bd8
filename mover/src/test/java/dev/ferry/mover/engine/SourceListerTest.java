package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.fs.PosixErrors;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.task.BatchEntry;
import dev.ferry.mover.task.CollectingSink;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskOutcome;
import dev.ferry.mover.task.TaskScope;
import dev.ferry.mover.transport.InMemoryChunkLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JNI directory scan and the Java fallback list a directory identically. */
class SourceListerTest {
  @TempDir Path tmp;

  @Test
  void theNativeScanIsInUseWhereTheLibraryLoads() {
    assertTrue(SourceLister.NATIVE, "JNI library loaded and sun.nio.fs opened in tests");
  }

  @Test
  void nativeAndJavaListingsEmitTheSameTasksCountsAndSubdirectories() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    file(src.resolve("plain"), "x");
    file(src.resolve("new\nline"), "two\nlines");
    file(src.resolve(oddName()), "y");
    file(src.resolve("skip.log"), "excluded");
    Files.createDirectories(src.resolve("sub/deeper"));
    Files.createDirectories(src.resolve("tmp.log")); // an excluded directory
    Files.createSymbolicLink(src.resolve("link"), Path.of("/etc"));
    Files.createSymbolicLink(src.resolve("dangling"), src.resolve("nowhere"));
    for (int i = 0; i < SourceLister.BATCH_ENTRIES + 5; i++) {
      file(src.resolve("many/f" + i), "" + i);
    }
    PassContext ctx = context(src, List.of("*.log"));

    for (RelPath dir : List.of(RelPath.ROOT, RelPath.of(Path.of("many")))) {
      Listing viaJni = list(ctx, dir, true);
      Listing viaJava = list(ctx, dir, false);
      assertTrue(viaJni.complete && viaJava.complete);
      assertEquals(viaJava.dirs, viaJni.dirs);
      assertEquals(viaJava.outcome.children(), viaJni.outcome.children());
      assertEquals(viaJava.outcome.counts(), viaJni.outcome.counts());
      assertEquals(viaJava.outcome.failures(), viaJni.outcome.failures());
    }
    Listing root = list(ctx, RelPath.ROOT, true);
    assertEquals(
        Set.of("many", "sub"), root.dirs.stream().map(d -> d.path().toString()).collect(toSet()));
    assertEquals(2L, root.outcome.counts().get(Counter.EXCLUDED));
    List<Path> names = new ArrayList<>();
    for (var t : root.outcome.children()) {
      for (BatchEntry e : ((FileBatchTask) t).entries()) {
        names.add(e.name());
        assertEquals(EntryStat.lstat(src.resolve(e.name())), e.source(), "lstat, never followed");
      }
    }
    assertEquals(5, names.size(), names.toString());
    assertTrue(names.contains(oddName()), "the name that is not UTF-8, byte for byte");
    assertEquals(2, list(ctx, RelPath.of(Path.of("many")), true).outcome.children().size());
  }

  @Test
  void anUnlistableDirectoryFailsTheSameWayBothWays() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    file(src.resolve("not-a-dir"), "x");
    PassContext ctx = context(src, List.of());
    for (String missing : List.of("gone", "not-a-dir")) {
      RelPath rel = RelPath.of(Path.of(missing));
      Listing viaJni = list(ctx, rel, true);
      Listing viaJava = list(ctx, rel, false);
      assertFalse(viaJni.complete);
      assertEquals(viaJava.outcome.failures(), viaJni.outcome.failures());
    }
  }

  @Test
  void targetNamesStatTheSameThroughTheOpenDirectoryAsByPath() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("t"));
    file(dir.resolve("f"), "x");
    file(dir.resolve(oddName()), "y");
    Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc"));
    Files.createDirectories(dir.resolve("sub"));
    try (TargetDir viaJni = TargetDir.open(dir, true);
        TargetDir viaJava = TargetDir.open(dir, false)) {
      for (Path name : List.of(Path.of("f"), oddName(), Path.of("link"), Path.of("sub"))) {
        EntryStat s = viaJni.lstatOrNull(name, dir.resolve(name));
        assertEquals(viaJava.lstatOrNull(name, dir.resolve(name)), s, name.toString());
        assertEquals(EntryStat.lstat(dir.resolve(name)), s);
      }
      Path missing = Path.of("missing");
      assertEquals(null, viaJni.lstatOrNull(missing, dir.resolve(missing)));
      assertEquals(null, viaJava.lstatOrNull(missing, dir.resolve(missing)));
    }
  }

  @Test
  void errnosReadAsTheExceptionsJavaThrows() throws Exception {
    Path file = file(tmp.resolve("f"), "x");
    IOException[] javaSays = new IOException[2];
    try {
      EntryStat.lstat(tmp.resolve("missing"));
    } catch (IOException e) {
      javaSays[0] = e;
    }
    try {
      EntryStat.lstat(file.resolve("child")); // ENOTDIR
    } catch (IOException e) {
      javaSays[1] = e;
    }
    IOException[] ours = {
      PosixErrors.of(tmp.resolve("missing"), 2), PosixErrors.of(file.resolve("child"), 20)
    };
    for (int i = 0; i < 2; i++) {
      assertEquals(javaSays[i].getClass(), ours[i].getClass());
      assertEquals(PassContext.reason(javaSays[i]), PassContext.reason(ours[i]));
    }
  }

  private static Path oddName() {
    return RawPaths.path(new byte[] {'o', 'd', 'd', (byte) 0xff, '\n', 'x'});
  }

  private record Listing(boolean complete, TaskOutcome outcome, List<RelPath> dirs) {}

  private static Listing list(PassContext ctx, RelPath dir, boolean nativeScan) {
    CollectingSink sink = new CollectingSink();
    List<RelPath> dirs = new ArrayList<>();
    boolean ok =
        SourceLister.list(ctx, dir, sink, (rel, stat) -> dirs.add(rel), sink::emit, nativeScan);
    return new Listing(ok, sink.outcome(), dirs);
  }

  private PassContext context(Path src, List<String> excludes) throws IOException {
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    Runs runs = Runs.of(src, dst);
    runs.excludes = excludes;
    PassConfig cfg = runs.config();
    Instant now = Instant.now();
    return new PassContext(
        cfg,
        new Roots(Map.of("s", src, "t", dst)),
        new TaskScope("0badc0de", Pass.COPY, "s", "t"),
        new PosixTargetCreator(),
        new InMemoryChunkLedger(),
        new LinkStaging(dst, "0badc0de"),
        new MetadataWriter(cfg, false, null, true, 022),
        new Filters(excludes, null, null, now),
        new MetadataWriter.Owner(1000, 1000),
        now);
  }
}
