package dev.ferry.mover.task;

/** The POSIX file types, from the {@code S_IFMT} bits of a mode. */
public enum FileKind {
  FILE,
  DIRECTORY,
  SYMLINK,
  FIFO,
  CHAR_DEVICE,
  BLOCK_DEVICE,
  SOCKET;

  private static final int S_IFMT = 0170000;

  /** The kind encoded in a full {@code st_mode}. */
  public static FileKind ofMode(int mode) {
    return switch (mode & S_IFMT) {
      case 0100000 -> FILE;
      case 0040000 -> DIRECTORY;
      case 0120000 -> SYMLINK;
      case 0010000 -> FIFO;
      case 0020000 -> CHAR_DEVICE;
      case 0060000 -> BLOCK_DEVICE;
      case 0140000 -> SOCKET;
      default -> throw new IllegalArgumentException("unknown file type in mode " + mode);
    };
  }
}
