package dev.ferry.lustre;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;

/**
 * Loads {@code libferrylustre.so} once per class loader: from the jar (copied to a temporary file,
 * loaded, then deleted: the mapping outlives the file), else from {@code java.library.path}. A
 * failure is recorded, never thrown, so ferry still runs without it.
 */
final class NativeLoader {
  static final String NAME = "ferrylustre";
  private static final EnumSet<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final String FAILURE = load();

  private NativeLoader() {}

  /** Null when the JNI library is loaded, else why not. */
  static String failure() {
    return FAILURE;
  }

  static String resource() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    return "/native/" + os + "-" + arch + "/lib" + NAME + ".so";
  }

  private static String load() {
    String fromJar;
    try {
      fromJar = loadFromJar();
      if (fromJar == null) {
        return null;
      }
    } catch (IOException | LinkageError e) {
      fromJar = e.getMessage();
    }
    try {
      System.loadLibrary(NAME);
      return null;
    } catch (LinkageError e) {
      return fromJar + "; " + e.getMessage();
    }
  }

  /**
   * A new, empty file only this user can read, in {@code java.io.tmpdir}. Like {@code
   * Files.createTempFile} ({@code O_CREAT|O_EXCL}, so a name planted by someone else, even a
   * symlink, is never opened but skipped: another name is tried), without its {@code SecureRandom}:
   * that cost about 60 classes and 10 ms of every start, and an unpredictable name protects nothing
   * here.
   */
  static Path newPrivateFile() throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    String base = "lib" + NAME + "-";
    for (int attempt = 0; ; attempt++) {
      Path p = dir.resolve(base + Long.toHexString(System.nanoTime()) + ".so");
      try {
        return Files.createFile(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  /** Null when loaded, else why the jar copy could not be used. */
  private static String loadFromJar() throws IOException {
    String resource = resource();
    try (InputStream in = NativeLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "no " + resource + " in the jar (unsupported platform?)";
      }
      Path copy = newPrivateFile();
      try {
        // Into the file just created (not REPLACE_EXISTING, which would delete and recreate it
        // with the umask's mode, leaving a moment where another user could take the name).
        try (OutputStream out =
            Files.newOutputStream(copy, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
          in.transferTo(out);
        }
        System.load(copy.toAbsolutePath().toString());
        return null;
      } finally {
        Files.deleteIfExists(copy);
      }
    }
  }
}
