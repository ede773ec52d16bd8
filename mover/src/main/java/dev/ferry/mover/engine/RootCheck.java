package dev.ferry.mover.engine;

import dev.ferry.mover.task.Pass;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks SRC and DST before anything is touched; every refusal is one line and nothing has been
 * created. The roots themselves may be symlinks (they are resolved once, here); nothing below them
 * is ever followed.
 */
final class RootCheck {
  /** The resolved roots; {@code targetExists} false means a copy will create it. */
  record Roots(Path source, Path target, boolean targetExists) {}

  private RootCheck() {}

  static Roots check(PassConfig cfg) {
    return check(cfg, cfg.source(), cfg.target());
  }

  /**
   * The same checks of {@code source} and {@code target} as this node sees them: a worker checks
   * the roots of a job at its first task, since the client that submitted it may not mount them.
   */
  static Roots check(PassConfig cfg, Path source, Path target) {
    Path src = source.toAbsolutePath().normalize();
    Path dst = target.toAbsolutePath().normalize();
    if (!Files.exists(src)) {
      throw new MoverUsageException("source " + src + " does not exist");
    }
    if (!Files.isDirectory(src)) {
      throw new MoverUsageException("source " + src + " is not a directory");
    }
    Path srcReal = real(src);
    boolean exists = Files.exists(dst, LinkOption.NOFOLLOW_LINKS) || Files.exists(dst);
    Path dstReal;
    if (exists) {
      if (!Files.isDirectory(dst)) {
        throw new MoverUsageException("target " + dst + " is not a directory");
      }
      dstReal = real(dst);
    } else {
      boolean creates = cfg.passes().get(0) == Pass.COPY;
      if (!creates) {
        throw new MoverUsageException("target " + dst + " does not exist");
      }
      Path parent = dst.getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new MoverUsageException("the parent of target " + dst + " is not a directory");
      }
      dstReal = real(parent).resolve(dst.getFileName());
    }
    if (srcReal.equals(dstReal)) {
      throw new MoverUsageException("source and target are the same directory: " + srcReal);
    }
    if (dstReal.startsWith(srcReal)) {
      throw new MoverUsageException("target " + dst + " is inside source " + src);
    }
    if (srcReal.startsWith(dstReal)) {
      throw new MoverUsageException("source " + src + " is inside target " + dst);
    }
    boolean writes = !cfg.dryRun() && !cfg.passes().equals(java.util.List.of(Pass.VERIFY));
    Path writable = exists ? dstReal : dstReal.getParent();
    if (writes && !Files.isWritable(writable)) {
      throw new MoverUsageException("target " + writable + " is not writable");
    }
    if (cfg.passes().contains(Pass.DELETE) && !cfg.allowEmptySource() && exists) {
      if (isEmpty(srcReal) && !isEmpty(dstReal)) {
        throw new MoverUsageException(
            "source "
                + src
                + " is empty but target "
                + dst
                + " is not (a missing mount?); refusing to delete; use --allow-empty-source");
      }
    }
    return new Roots(srcReal, dstReal, exists);
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new MoverUsageException("cannot resolve " + p + ": " + PassContext.reason(e));
    }
  }

  private static boolean isEmpty(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    } catch (IOException e) {
      throw new MoverUsageException("cannot list " + dir + ": " + PassContext.reason(e));
    }
  }
}
