package dev.ferry.mover.engine;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Dry run below a target directory that does not exist (or is not a real directory): everything in
 * the source subtree would be copied, and the target is not looked at again (a name below a planted
 * symlink would resolve outside the target).
 */
final class DryRunWalk {
  private DryRunWalk() {}

  static void reportAll(PassContext ctx, RelPath top, TaskSink sink) {
    Path srcTop = ctx.source(top);
    try {
      Files.walkFileTree(
          srcTop,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              RelPath rel = relative(top, srcTop, dir);
              if (!rel.equals(top) && ctx.filters.excluded(rel)) {
                sink.count(Counter.EXCLUDED, 1);
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (!rel.equals(top)) {
                sink.count(Counter.SCANNED, 1); // the top was, by its parent's listing
              }
              sink.differ(rel, "would create directory");
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              RelPath rel = relative(top, srcTop, file);
              if (ctx.filters.excluded(rel)) {
                sink.count(Counter.EXCLUDED, 1);
              } else {
                sink.count(Counter.SCANNED, 1);
                sink.differ(rel, "would copy");
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              sink.fail(relative(top, srcTop, file), PassContext.reason(e));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      sink.fail(top, PassContext.reason(e));
    }
  }

  private static RelPath relative(RelPath top, Path srcTop, Path p) {
    Path r = srcTop.relativize(p);
    return r.toString().isEmpty() ? top : top.isRoot() ? RelPath.of(r) : top.child(r);
  }
}
