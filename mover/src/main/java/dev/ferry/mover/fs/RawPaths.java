package dev.ferry.mover.fs;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Converts between {@link Path} and the raw bytes of its name, without going through {@link
 * String}: a POSIX name is a byte string, and decoding it with the platform charset (UTF-8, or
 * ASCII under {@code LANG=C}) loses bytes that are not valid in that charset.
 *
 * <p>The JDK keeps the raw bytes inside {@code sun.nio.fs.UnixPath} but has no public accessor.
 * When the package is opened ({@code Add-Opens: java.base/sun.nio.fs} in the ferry jar's manifest,
 * or {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}) the bytes are read directly. Otherwise
 * the public {@code file:} URI route is used: {@link Path#toUri()} percent-encodes the raw bytes
 * and {@link Path#of(URI)} decodes them back; it is slower (one extra stat per conversion), but
 * exact.
 */
public final class RawPaths {
  private static final FileSystem FS = FileSystems.getDefault();
  private static final MethodHandle AS_BYTES;
  private static final MethodHandle FROM_BYTES;

  static {
    MethodHandle asBytes = null;
    MethodHandle fromBytes = null;
    try {
      Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
      Class<?> unixFs = Class.forName("sun.nio.fs.UnixFileSystem");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(unixPath, MethodHandles.lookup());
      asBytes = lookup.findVirtual(unixPath, "asByteArray", MethodType.methodType(byte[].class));
      fromBytes =
          lookup.findConstructor(unixPath, MethodType.methodType(void.class, unixFs, byte[].class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Not opened (or not a Unix JDK): the URI route below is exact, only slower.
      asBytes = null;
      fromBytes = null;
    }
    AS_BYTES = asBytes;
    FROM_BYTES = fromBytes;
  }

  private RawPaths() {}

  /** Whether the fast, direct route is available in this JVM. */
  public static boolean direct() {
    return AS_BYTES != null;
  }

  /** The raw bytes of {@code p} exactly as the kernel sees them (no trailing slash). */
  public static byte[] bytes(Path p) {
    if (AS_BYTES != null && p.getFileSystem() == FS) {
      try {
        return ((byte[]) AS_BYTES.invoke(p)).clone();
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read path bytes", e);
      }
    }
    return viaUri(p);
  }

  /** A path of the default filesystem with exactly these bytes (absolute or relative). */
  public static Path path(byte[] raw) {
    for (byte b : raw) {
      if (b == 0) {
        throw new IllegalArgumentException("a path cannot contain a NUL byte");
      }
    }
    if (FROM_BYTES != null) {
      try {
        return (Path) FROM_BYTES.invoke(FS, raw.clone());
      } catch (Throwable e) {
        throw new IllegalStateException("cannot build path from bytes", e);
      }
    }
    return fromUri(raw);
  }

  static byte[] viaUri(Path p) {
    boolean relative = !p.isAbsolute();
    Path abs = relative ? Path.of("/").resolve(p) : p;
    String raw = abs.toUri().getRawPath();
    if (raw.length() > 1 && raw.endsWith("/")) {
      raw = raw.substring(0, raw.length() - 1); // toUri marks existing directories
    }
    byte[] decoded = PercentEncoding.decode(raw);
    if (relative) {
      byte[] out = new byte[decoded.length - 1];
      System.arraycopy(decoded, 1, out, 0, out.length);
      return p.toString().isEmpty() ? new byte[0] : out;
    }
    return decoded;
  }

  static Path fromUri(byte[] raw) {
    if (raw.length == 0) {
      return Path.of("");
    }
    boolean absolute = raw[0] == '/';
    String encoded = PercentEncoding.encodeAll(raw);
    Path abs = Path.of(URI.create("file://" + (absolute ? "" : "/") + encoded));
    return absolute ? abs : Path.of("/").relativize(abs);
  }
}
