package dev.ferry.mover.engine;

import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * The staging directory of one copy job's hard links, {@code .ferry-links-<job>} at the target
 * root: the rendezvous every worker of the job shares, on any node, because it is in the target
 * filesystem itself. Its entry {@code <dev>-<ino>} (the source inode) is the target inode that
 * every name of that source inode becomes; see {@link HardLinks}. The directory holds only inodes
 * with names still to come (an entry is released once the inode has all its names) and is removed
 * by the root's metadata task, the job's last.
 */
final class LinkStaging {
  static final String PREFIX = ".ferry-links-";

  /** A staging directory of any job; see {@link TempNames#JOB}. */
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + TempNames.JOB);

  private final Path dir;
  private volatile boolean checked;
  private volatile Long rootDevice;

  LinkStaging(Path targetRoot, String jobId) {
    Path name = Path.of(PREFIX + jobId);
    if (name.getNameCount() != 1 || jobId.isEmpty()) {
      throw new IllegalArgumentException("job id is not a plain name: " + jobId);
    }
    this.dir = targetRoot.resolve(name);
  }

  /** Whether {@code name} (at a target root) is the staging directory of some job. */
  static boolean isStagingName(String name) {
    return NAME.matcher(name).matches();
  }

  /** Whether {@code rel} is this job's staging directory: a source entry there cannot be copied. */
  boolean reserved(RelPath rel) {
    return rel.depth() == 1 && rel.name().equals(dir.getFileName());
  }

  /**
   * Whether a target directory on device {@code dev} can hold links of the staging entries: not
   * below a filesystem mounted inside the target (link(2) cannot cross it; such names are copied as
   * separate files).
   */
  boolean reaches(long dev) throws IOException {
    Long root = rootDevice;
    if (root == null) {
      root = EntryStat.lstat(dir.getParent()).dev();
      rootDevice = root;
    }
    return root == dev;
  }

  /** The staging entry of a source inode (it may not exist). */
  Path entry(EntryStat src) {
    return dir.resolve(Long.toUnsignedString(src.dev()) + "-" + Long.toUnsignedString(src.ino()));
  }

  /**
   * Makes {@code staged} a name of {@code existing}'s inode ({@code link(2)}), creating the
   * directory first if needed. False when the entry exists already: another name won.
   */
  boolean publish(Path existing, Path staged) throws IOException {
    ensureDirectory();
    try {
      return link(staged, existing);
    } catch (NoSuchFileException e) {
      // The directory was removed since this handler made it (a stray late task): make it again.
      checked = false;
      ensureDirectory();
      return link(staged, existing);
    }
  }

  private static boolean link(Path staged, Path existing) throws IOException {
    try {
      Files.createLink(staged, existing);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /** The inode has all its names: its staging entry is no longer needed. */
  void release(Path staged) throws IOException {
    Files.deleteIfExists(staged);
  }

  /**
   * Removes the directory and whatever entries remain (names of inodes whose names were not all
   * seen: outside the tree, excluded, or a worker died before releasing). Idempotent. Removing an
   * entry only drops one link of an inode whose target names stay.
   */
  void removeAll(TaskSink sink) {
    checked = false;
    try {
      removeDirectory(dir);
    } catch (IOException e) {
      sink.fail(
          RelPath.ROOT,
          "cannot remove hard-link staging directory "
              + dir.getFileName()
              + ": "
              + PassContext.reason(e));
    }
  }

  /**
   * Removes a staging directory and its entries without following anything; false if it did not
   * exist. Refuses anything but a real directory of plain entries.
   */
  static boolean removeDirectory(Path dir) throws IOException {
    EntryStat st = PassContext.lstatOrNull(dir);
    if (st == null) {
      return false;
    }
    if (st.kind() != FileKind.DIRECTORY) {
      throw new IOException("not a directory");
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        Files.deleteIfExists(p); // unlink; a subdirectory (not ferry's) makes rmdir fail below
      }
    }
    Files.delete(dir);
    return true;
  }

  private void ensureDirectory() throws IOException {
    if (checked) {
      return;
    }
    try {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      EntryStat st = EntryStat.lstat(dir);
      if (st.kind() != FileKind.DIRECTORY) {
        // Never link through a symlink or into a file planted under ferry's name.
        throw new IOException(dir.getFileName() + " exists and is not a directory");
      }
    }
    checked = true;
  }
}
