package dev.ferry.mover.engine;

import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

/**
 * Verify, the metadata of one entry of the same type on both sides: everything the copy pass
 * preserves under the same flags, one difference per line as {@code what source != target}. Owner
 * and group are compared whenever they are preserved, also when not running as root (the copy could
 * not set them then, and verify says so rather than call the trees identical). atime is never
 * compared: reading moves it. Reads only.
 */
final class VerifyMetadata {
  private final PassConfig cfg;
  private final XattrCopier xattrs;

  VerifyMetadata(PassConfig cfg, XattrCopier xattrs) {
    this.cfg = cfg;
    this.xattrs = xattrs;
  }

  /** Reports every metadata difference of {@code rel}; {@code src}, {@code have}: their lstat. */
  void compare(RelPath rel, Path source, Path target, EntryStat src, EntryStat have, TaskSink sink)
      throws IOException {
    FileKind kind = src.kind();
    if (kind == FileKind.SYMLINK) {
      byte[] a = RawPaths.bytes(Files.readSymbolicLink(source));
      byte[] b = RawPaths.bytes(Files.readSymbolicLink(target));
      if (!Arrays.equals(a, b)) {
        sink.differ(
            rel, "symlink target " + RelPath.displayBytes(a) + " != " + RelPath.displayBytes(b));
      }
    }
    if ((kind == FileKind.CHAR_DEVICE || kind == FileKind.BLOCK_DEVICE)
        && src.rdev() != have.rdev()) {
      sink.differ(rel, "device " + device(src.rdev()) + " != " + device(have.rdev()));
    }
    if (cfg.preserves(Preserve.MODE)
        && kind != FileKind.SYMLINK
        && src.permissions() != have.permissions()) {
      sink.differ(rel, String.format("mode %04o != %04o", src.permissions(), have.permissions()));
    }
    if (cfg.preserves(Preserve.OWNER)) {
      if (src.uid() != have.uid()) {
        sink.differ(rel, "owner " + src.uid() + " != " + have.uid());
      }
      if (src.gid() != have.gid()) {
        sink.differ(rel, "group " + src.gid() + " != " + have.gid());
      }
    }
    if (cfg.preserves(Preserve.TIMES) && !MetadataWriter.sameMtime(have, src)) {
      sink.differ(rel, "mtime " + instant(src.mtimeNanos()) + " != " + instant(have.mtimeNanos()));
    }
    if (xattrs != null && xattrs.reaches(kind)) {
      compareXattrs(rel, xattrs.read(source), xattrs.read(target), sink);
    }
  }

  private static void compareXattrs(
      RelPath rel, Map<String, byte[]> src, Map<String, byte[]> have, TaskSink sink) {
    TreeSet<String> names = new TreeSet<>(src.keySet());
    names.addAll(have.keySet());
    for (String name : names) {
      byte[] a = src.get(name);
      byte[] b = have.get(name);
      String shown = "xattr " + RelPath.displayBytes(name.getBytes(StandardCharsets.ISO_8859_1));
      if (b == null) {
        sink.differ(rel, shown + " only in source");
      } else if (a == null) {
        sink.differ(rel, shown + " only in target");
      } else if (!Arrays.equals(a, b)) {
        sink.differ(rel, shown + " value differs");
      }
    }
  }

  /** {@code major,minor}, as {@code ls -l} shows a device number. */
  private static String device(long rdev) {
    return SpecialFiles.major(rdev) + "," + SpecialFiles.minor(rdev);
  }

  private static String instant(long nanos) {
    return Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
        .toString();
  }
}
