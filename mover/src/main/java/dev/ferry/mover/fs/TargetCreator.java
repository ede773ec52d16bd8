package dev.ferry.mover.fs;

import dev.ferry.mover.task.EntryStat;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Creates target files and directories. The seam where filesystem-specific placement plugs in: a
 * Lustre implementation creates files with the source's stripe layout and directories on the
 * source's MDT; {@link PosixTargetCreator} is the plain default.
 *
 * <p>Both methods must create a new entry (failing if the name exists) and never follow a symlink
 * at {@code target}. Final mode, owner and times are applied by the engine afterwards, so new
 * entries should start private (owner-only).
 */
public interface TargetCreator {
  /**
   * Creates a new empty regular file at {@code target}, like the source file {@code source} (whose
   * lstat is {@code stat}), and returns it open for writing.
   */
  FileChannel createFile(Path target, Path source, EntryStat stat) throws IOException;

  /** Creates a new directory at {@code target}, like the source directory {@code source}. */
  void createDirectory(Path target, Path source, EntryStat stat) throws IOException;

  /**
   * Whether {@link #createFile} is a plain {@code open(O_CREAT|O_EXCL|O_NOFOLLOW, 0600)} and
   * nothing more, so that the engine may create a new small file itself, in the same native call
   * that copies it. False for a creator that places files (Lustre layouts) or does anything else.
   */
  default boolean createsPlainFiles() {
    return false;
  }
}
