package dev.ferry.mover.fs;

import dev.ferry.lustre.DirScan;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * An errno from ferry's JNI library as the exception {@code java.nio.file} throws for it, so a
 * failure reads the same whichever way the call was made (the JDK's {@code
 * UnixException.translateToIOException}).
 */
public final class PosixErrors {
  static final int ENOENT = 2;
  static final int EACCES = 13;
  static final int EEXIST = 17;
  static final int ENOTDIR = 20;
  static final int ELOOP = 40;

  private PosixErrors() {}

  /** The exception for {@code errno} on {@code file}. */
  public static IOException of(Path file, int errno) {
    String f = file.toString();
    return switch (errno) {
      case ENOENT -> new NoSuchFileException(f, null, null);
      case EACCES -> new AccessDeniedException(f, null, null);
      case EEXIST -> new FileAlreadyExistsException(f, null, null);
      case ELOOP ->
          new FileSystemException(
              f,
              null,
              DirScan.strerror(errno) + " or unable to access attributes of symbolic link");
      default -> new FileSystemException(f, null, DirScan.strerror(errno));
    };
  }

  /**
   * As {@link #of}, for opening {@code dir} to list it: {@code Files.newDirectoryStream} turns
   * ENOTDIR into {@link NotDirectoryException} (ferry's scan also says ENOTDIR for a symlink, which
   * it never follows).
   */
  public static IOException ofDirectory(Path dir, int errno) {
    return errno == ENOTDIR ? new NotDirectoryException(dir.toString()) : of(dir, errno);
  }

  /**
   * The reason of {@code e} in the C library's words: its own, or for the exceptions that NIO (and
   * {@link #of}) make by type alone, the words of their errno; null when neither is known.
   */
  public static String reason(FileSystemException e) {
    if (e.getReason() != null) {
      return e.getReason();
    } else if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    } else if (e instanceof AccessDeniedException) {
      return "Permission denied";
    } else if (e instanceof FileAlreadyExistsException) {
      return "File exists";
    } else if (e instanceof NotDirectoryException) {
      return "Not a directory";
    } else if (e instanceof DirectoryNotEmptyException) {
      return "Directory not empty";
    }
    return null;
  }

  /** Whether {@code errno} says the entry does not exist. */
  public static boolean absent(int errno) {
    return errno == ENOENT;
  }
}
