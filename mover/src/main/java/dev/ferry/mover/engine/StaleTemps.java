package dev.ferry.mover.engine;

import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.regex.Pattern;

/**
 * Removes the temporary files a killed copy left in a target directory ({@code
 * .ferry-<job>-<hash>.tmp}, see {@link TempNames}), so a crash followed by another copy leaves the
 * target clean without a delete pass.
 *
 * <p>The rule: a temporary name of another job is removed when its ctime is older than this job's
 * start, and the source has no entry of that name. A job still running writes, chmods and renames
 * its temporary files, each of which sets their ctime to now, so the temporary files of a
 * concurrent job have fresh ctimes and are left alone; a crashed job's files stop changing. (A
 * concurrent job's temporary file whose last change happened before this job started and that it
 * has not touched since, for instance one large chunk still being read from a slow source, would be
 * removed and that job's file then fail and be retried on its next run: running two copies into one
 * target at once is not a supported use.) Costs one extra listing of each target directory that
 * already existed; only names matching the pattern are stat'ed. At the target root, the same rule
 * removes a killed job's hard-link staging directory ({@link LinkStaging}).
 */
final class StaleTemps {
  private static final Pattern NAME =
      Pattern.compile("\\.ferry-" + TempNames.JOB + "-[0-9a-f]{16}\\.tmp");

  /** How every name ferry makes in a target starts, as bytes. */
  private static final byte[] MARK = TempNames.PREFIX.getBytes(StandardCharsets.US_ASCII);

  private StaleTemps() {}

  static void sweep(PassContext ctx, RelPath dir, Path target, TaskSink sink) {
    String own = TempNames.PREFIX + ctx.scope.jobId() + "-";
    String ownStaging = LinkStaging.PREFIX + ctx.scope.jobId();
    boolean root = dir.isRoot();
    FileTime start = FileTime.from(ctx.startedAt);
    try (DirectoryStream<Path> names =
        Files.newDirectoryStream(
            target,
            p -> {
              if (!mayBeTemp(p)) {
                return false;
              }
              String name = p.getFileName().toString();
              return isTemp(name, own) || root && isStaging(name, ownStaging);
            })) {
      for (Path p : names) {
        RelPath rel = dir.child(p.getFileName());
        try {
          if (stale(ctx, rel, p, start)) {
            remove(p);
            sink.count(Counter.STALE_TEMP_FILES_REMOVED, 1);
          }
        } catch (NoSuchFileException gone) {
          // removed meanwhile (by its own job, renamed into place)
        } catch (IOException e) {
          sink.fail(rel, "cannot remove stale temporary file: " + PassContext.reason(e));
        }
      }
    } catch (IOException e) {
      sink.fail(
          dir, "cannot list target directory for stale temporary files: " + PassContext.reason(e));
    }
  }

  /** A temporary file, or a hard-link staging directory ({@link LinkStaging}) of a killed job. */
  private static void remove(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      LinkStaging.removeDirectory(p);
    } else {
      Files.delete(p);
    }
  }

  /** Another job's hard-link staging directory, at a target root. */
  static boolean isStaging(String name, String ownStaging) {
    return LinkStaging.isStagingName(name) && !name.equals(ownStaging);
  }

  /**
   * A cheap look at the raw bytes before the name is decoded and matched: every entry of every
   * existing target directory passes here, and decoding plus a regex per entry was a visible part
   * of a no-change run. True when the last name starts with {@code .ferry-} (every name ferry makes
   * in a target does), or when the raw bytes cannot be had directly.
   */
  static boolean mayBeTemp(Path p) {
    if (!RawPaths.direct()) {
      return true;
    }
    byte[] b = RawPaths.bytes(p);
    int start = b.length;
    while (start > 0 && b[start - 1] != '/') {
      start--;
    }
    if (b.length - start < MARK.length) {
      return false;
    }
    for (int i = 0; i < MARK.length; i++) {
      if (b[start + i] != MARK[i]) {
        return false;
      }
    }
    return true;
  }

  /** A name decoded with replacement characters never matches: ferry's names are ASCII. */
  static boolean isTemp(String name, String ownPrefix) {
    return NAME.matcher(name).matches() && !name.startsWith(ownPrefix);
  }

  private static boolean stale(PassContext ctx, RelPath rel, Path p, FileTime start)
      throws IOException {
    FileTime ctime = (FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
    boolean staging = LinkStaging.isStagingName(p.getFileName().toString());
    if (ctime.compareTo(start) >= 0 || staging != Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      Files.readAttributes(ctx.source(rel), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return false; // the source has an entry of that name: it is data, not ferry's leftover
    } catch (NoSuchFileException absent) {
      return true;
    }
  }
}
