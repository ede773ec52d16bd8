package dev.ferry.mover.engine;

import dev.ferry.lustre.DirScan;
import dev.ferry.lustre.PosixCallException;
import dev.ferry.mover.fs.PosixErrors;
import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.EntryStat;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The target directory of one file batch, for the {@code lstat} of each target name. Through
 * ferry's JNI library the directory is opened once ({@code O_NOFOLLOW}) and each name is stat'ed
 * relative to it ({@code fstatat}): the kernel walks one name instead of the whole path, and Java
 * builds no attribute object. Without the library, or when the directory cannot be opened, each
 * name is stat'ed by path as before; the results are the same.
 */
final class TargetDir implements AutoCloseable {
  private final DirScan scan;
  private final long[] fields;

  private TargetDir(DirScan scan) {
    this.scan = scan;
    this.fields = scan == null ? null : new long[DirScan.FIELDS];
  }

  /** {@code dir}, a real directory just checked by the caller. Never fails. */
  static TargetDir open(Path dir, boolean nativeScan) {
    if (!nativeScan) {
      return new TargetDir(null);
    }
    try {
      return new TargetDir(DirScan.open(RawPaths.bytes(dir)));
    } catch (PosixCallException e) {
      return new TargetDir(null); // stat'ed by path below, which reports whatever is wrong
    }
  }

  /**
   * lstat of {@code entry} ({@code name} in this directory), or null when it does not exist
   * (ENOENT). Other errors are thrown as {@code java.nio.file} would.
   */
  EntryStat lstatOrNull(Path name, Path entry) throws IOException {
    if (scan == null) {
      return PassContext.lstatOrNull(entry);
    }
    scan.statAt(RawPaths.bytes(name), fields);
    int errno = (int) fields[DirScan.F_ERRNO];
    if (errno != 0) {
      if (PosixErrors.absent(errno)) {
        return null;
      }
      throw PosixErrors.of(entry, errno);
    }
    return new EntryStat(
        (int) fields[DirScan.F_MODE],
        fields[DirScan.F_SIZE],
        fields[DirScan.F_MTIME_NS],
        fields[DirScan.F_ATIME_NS],
        (int) fields[DirScan.F_UID],
        (int) fields[DirScan.F_GID],
        fields[DirScan.F_DEV],
        fields[DirScan.F_INO],
        (int) fields[DirScan.F_NLINK],
        fields[DirScan.F_RDEV],
        fields[DirScan.F_CTIME_NS]);
  }

  @Override
  public void close() {
    if (scan != null) {
      scan.close();
    }
  }
}
