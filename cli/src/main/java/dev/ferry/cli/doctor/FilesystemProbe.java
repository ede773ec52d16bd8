package dev.ferry.cli.doctor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks that a configured filesystem is really there: mounted (its root lives on another device
 * than its parent directory, so it is not the empty mount point left when a mount failed),
 * readable, and writable when the config allows writing to it.
 */
public final class FilesystemProbe {
  private FilesystemProbe() {}

  public static List<Finding> probe(MountedFilesystem fs) {
    String prefix = "filesystem " + fs.name();
    List<Finding> findings = new ArrayList<>();
    Finding mounted = mounted(prefix + " mounted", fs.mount());
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

  static Finding mounted(String check, Path mount) {
    if (!mount.isAbsolute()) {
      return Finding.fail(
          check, mount + " is not an absolute path", "set mount to an absolute path");
    }
    if (!Files.isDirectory(mount)) {
      return Finding.fail(
          check,
          mount + " does not exist or is not a directory",
          "mount it, or fix mount in the config");
    }
    Path parent = mount.toAbsolutePath().normalize().getParent();
    if (parent == null) {
      return Finding.pass(check, mount + " is the root filesystem");
    }
    try {
      Object own = Files.getAttribute(mount, "unix:dev");
      Object parents = Files.getAttribute(parent, "unix:dev");
      if (own.equals(parents)) {
        return Finding.fail(
            check,
            mount + " is on the same device as " + parent + ": an empty mount point",
            "mount the filesystem at " + mount + " (or point mount at its mount point)");
      }
      return Finding.pass(check, mount + " (device " + own + ")");
    } catch (IOException | UnsupportedOperationException e) {
      return Finding.fail(check, "cannot stat " + mount + ": " + e.getMessage(), "check the mount");
    }
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
