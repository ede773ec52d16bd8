package dev.ferry.mover.engine;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removes a target entry, a whole subtree for a directory, never following a symlink. */
final class TargetTree {
  private TargetTree() {}

  /**
   * Removes {@code path} (shown as {@code rel}); counts every removed entry. Failures inside are
   * reported by path and the rest is still removed; throws only if {@code path} itself remains.
   */
  static void remove(Path path, RelPath rel, TaskSink sink) throws IOException {
    // walkFileTree does not follow links: a symlink is visited (and removed) as a file.
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!(e instanceof NoSuchFileException)) {
              sink.fail(sub(rel, path, file), "cannot remove: " + PassContext.reason(e));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            delete(dir);
            return FileVisitResult.CONTINUE;
          }

          private void delete(Path p) {
            try {
              Files.delete(p);
              sink.count(Counter.DELETED, 1);
            } catch (NoSuchFileException e) {
              // already gone
            } catch (IOException e) {
              sink.fail(sub(rel, path, p), "cannot remove: " + PassContext.reason(e));
            }
          }
        });
    if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("could not remove " + rel.display());
    }
  }

  private static RelPath sub(RelPath rel, Path top, Path p) {
    Path r = top.relativize(p);
    return r.toString().isEmpty() ? rel : rel.isRoot() ? RelPath.of(r) : rel.child(r);
  }
}
