package dev.ferry.cli.doctor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks that a configured filesystem is usable: after the mount check (the mover's own: its root
 * lives on another device than its parent, so it is not the empty mount point a failed mount
 * leaves), readable, and writable when the config allows writing to it.
 */
public final class FilesystemProbe {
  private FilesystemProbe() {}

  /**
   * @param mounted the verdict of the mover's own mount check for {@code fs}
   */
  public static List<Finding> probe(MountedFilesystem fs, Finding mounted) {
    String prefix = "filesystem " + fs.name();
    List<Finding> findings = new ArrayList<>();
    findings.add(mounted);
    if (mounted.failed()) {
      return findings;
    }
    Finding readable = readable(prefix + " readable", fs.mount());
    findings.add(readable);
    if (!fs.write()) {
      findings.add(Finding.skip(prefix + " writable", "write = false: used as a source only"));
    } else if (!readable.failed()) {
      findings.add(writable(prefix + " writable", fs.mount()));
    }
    return findings;
  }

  static Finding readable(String check, Path mount) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(mount)) {
      Iterator<Path> it = entries.iterator();
      return Finding.pass(check, it.hasNext() ? "listed " + mount : mount + " is empty");
    } catch (IOException | SecurityException e) {
      return Finding.fail(
          check, "cannot list " + mount + ": " + e.getMessage(), "grant this user read access");
    }
  }

  static Finding writable(String check, Path mount) {
    try {
      Path probe = Files.createTempFile(mount, ".ferry-doctor-", ".tmp");
      Files.delete(probe);
      return Finding.pass(check, "created and removed a file in " + mount);
    } catch (IOException | SecurityException e) {
      return Finding.fail(
          check,
          "cannot create a file in " + mount + ": " + e.getMessage(),
          "remount read-write or grant this user write access, or set write = false");
    }
  }
}
