package dev.ferry.lustre;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads {@code libferrylustre.so} once per class loader: from the jar (copied to a temporary file,
 * loaded, then deleted: the mapping outlives the file), else from {@code java.library.path}. A
 * failure is recorded, never thrown, so ferry still runs without it.
 */
final class NativeLoader {
  static final String NAME = "ferrylustre";
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

  /** Null when loaded, else why the jar copy could not be used. */
  private static String loadFromJar() throws IOException {
    String resource = resource();
    try (InputStream in = NativeLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "no " + resource + " in the jar (unsupported platform?)";
      }
      Path copy = Files.createTempFile("lib" + NAME + "-", ".so");
      try {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        System.load(copy.toAbsolutePath().toString());
        return null;
      } finally {
        Files.deleteIfExists(copy);
      }
    }
  }
}
