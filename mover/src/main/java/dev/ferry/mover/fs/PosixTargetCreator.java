package dev.ferry.mover.fs;

import dev.ferry.mover.task.EntryStat;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Plain POSIX creation: {@code open(O_CREAT|O_EXCL|O_NOFOLLOW, 0600)} and {@code mkdir(0700)}. */
public final class PosixTargetCreator implements TargetCreator {
  private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final Set<StandardOpenOption> CREATE =
      EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  @Override
  public FileChannel createFile(Path target, Path source, EntryStat stat) throws IOException {
    // CREATE_NEW is O_CREAT|O_EXCL, which never follows a symlink at the last name.
    return FileChannel.open(target, CREATE, FILE_MODE);
  }

  @Override
  public boolean createsPlainFiles() {
    return true;
  }

  @Override
  public void createDirectory(Path target, Path source, EntryStat stat) throws IOException {
    Files.createDirectory(target, DIR_MODE);
  }

  /** Whether {@code p} is a real directory (not a symlink to one). */
  public static boolean isRealDirectory(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }
}
