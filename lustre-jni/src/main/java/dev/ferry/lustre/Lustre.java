package dev.ferry.lustre;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ferry's view of liblustreapi: reads and creates file layouts, places directories on MDTs.
 *
 * <p>The library is dlopen()ed on first use, once per path per process; when it cannot be loaded
 * this object is still usable: {@link #available()} is false, {@link #describe()} says why, and the
 * layout methods throw {@link LustreException} with errno ENOSYS. Callers then copy as plain POSIX.
 * {@link #isLustre(Path)} needs only ferry's own JNI library, not liblustreapi.
 */
public final class Lustre {
  /** statfs(2) {@code f_type} of a Lustre client mount ({@code LL_SUPER_MAGIC}). */
  public static final long SUPER_MAGIC = 0x0BD00BD0L;

  /** Environment variable naming the library to load instead of the default. */
  public static final String LIBRARY_ENV = "FERRY_LUSTREAPI";

  /** Tried in order when {@link #LIBRARY_ENV} is not set. */
  static final List<String> DEFAULT_LIBRARIES = List.of("liblustreapi.so.1", "liblustreapi.so");

  private static final int MAX_COMPONENTS = 64;
  private static final int E2BIG = 7;
  private static final Map<String, Lustre> LOADED = new ConcurrentHashMap<>();
  private static final Charset PATH_CHARSET = pathCharset();

  private final String requested;
  private final long handle;
  private final String failure;
  private final String loadedFrom;

  private Lustre(String requested, long handle, String failure, String loadedFrom) {
    this.requested = requested;
    this.handle = handle;
    this.failure = failure;
    this.loadedFrom = loadedFrom;
  }

  /** The library named by {@code FERRY_LUSTREAPI} in {@code env}, else the default names. */
  public static Lustre forEnvironment(Map<String, String> env) {
    String path = env.get(LIBRARY_ENV);
    return load(Optional.ofNullable(path).map(String::strip).filter(p -> !p.isEmpty()));
  }

  /** The library at {@code library} if given, else the first default name that loads. */
  public static Lustre load(Optional<String> library) {
    if (library.isPresent()) {
      return library(library.get());
    }
    Lustre first = null;
    for (String name : DEFAULT_LIBRARIES) {
      Lustre l = library(name);
      if (l.available()) {
        return l;
      }
      first = first == null ? l : first;
    }
    return first;
  }

  /** The library at {@code nameOrPath} (a dlopen() name or an absolute path), loaded once. */
  public static Lustre library(String nameOrPath) {
    return LOADED.computeIfAbsent(nameOrPath, Lustre::open);
  }

  private static Lustre open(String library) {
    String jni = NativeLoader.failure();
    if (jni != null) {
      return new Lustre(library, 0, "ferry's JNI library did not load: " + jni, null);
    }
    String[] error = new String[1];
    long h = LustreNative.open(library.getBytes(PATH_CHARSET), error);
    if (h == 0) {
      return new Lustre(library, 0, error[0], null);
    }
    String from = LustreNative.loadedFrom(h);
    return new Lustre(library, h, null, from == null ? library : from);
  }

  /** True when liblustreapi is loaded and usable. */
  public boolean available() {
    return handle != 0;
  }

  /** Why the library is not available; empty when it is. */
  public Optional<String> unavailableReason() {
    return Optional.ofNullable(failure);
  }

  /** The file the library was loaded from; empty when not loaded. */
  public Optional<String> loadedFrom() {
    return Optional.ofNullable(loadedFrom);
  }

  /** One line for logs and {@code ferry doctor}. */
  public String describe() {
    if (available()) {
      return "liblustreapi loaded from " + loadedFrom;
    }
    return "liblustreapi not available ("
        + requested
        + ": "
        + failure
        + "); Lustre layouts and MDT placement are not preserved, files are copied as plain POSIX";
  }

  /**
   * True when statfs(2) reports Lustre's magic for the filesystem holding {@code path}. Without
   * ferry's JNI library this falls back to the mount type Java reports ({@code "lustre"}).
   */
  public static boolean isLustre(Path path) throws IOException {
    if (NativeLoader.failure() != null) {
      return "lustre".equals(Files.getFileStore(path).type());
    }
    long type = LustreNative.fsType(bytes(path));
    if (type < 0) {
      throw error("cannot statfs " + path, (int) -type);
    }
    return type == SUPER_MAGIC;
  }

  /** The layout of the file at {@code path}. */
  public FileLayout layout(Path path) throws LustreException {
    requireLoaded();
    long[] out = new long[1 + MAX_COMPONENTS * LustreNative.FIELDS];
    String[] pools = new String[MAX_COMPONENTS];
    int n = LustreNative.readLayout(handle, bytes(path), out, pools);
    if (n == -E2BIG) {
      throw new LustreException(
          "the layout of " + path + " has more than " + MAX_COMPONENTS + " components", E2BIG);
    }
    if (n < 0) {
      throw error("cannot read the layout of " + path, -n);
    }
    List<LayoutComponent> components = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = 1 + i * LustreNative.FIELDS;
      components.add(
          new LayoutComponent(
              out[at],
              out[at + 1],
              out[at + 2],
              out[at + 3],
              out[at + 4],
              pools[i] == null ? "" : pools[i],
              out[at + 5]));
    }
    return new FileLayout(out[0] == 1, components);
  }

  /**
   * Creates the file {@code path}, which must not exist, with {@code layout} and permission bits
   * {@code mode}; the file is empty and closed afterwards. Every component's first stripe is left
   * to the filesystem to place, whatever {@link LayoutComponent#firstOstIndex()} says.
   */
  public void createFile(Path path, FileLayout layout, int mode) throws LustreException {
    requireLoaded();
    List<LayoutComponent> components = layout.components();
    long[] values = new long[components.size() * LustreNative.FIELDS];
    String[] pools = new String[components.size()];
    for (int i = 0; i < components.size(); i++) {
      LayoutComponent c = components.get(i);
      System.arraycopy(c.toLongs(), 0, values, i * LustreNative.FIELDS, LustreNative.FIELDS);
      pools[i] = c.hasPool() ? c.pool() : null;
    }
    int rc = LustreNative.createFile(handle, bytes(path), mode, layout.composite(), values, pools);
    if (rc < 0) {
      throw error("cannot create " + path + " with layout " + layout.describe(), -rc);
    }
  }

  /** Creates the directory {@code path} on MDT {@code mdt}; {@code -1} lets Lustre choose. */
  public void createDirectory(Path path, int mode, int mdt) throws LustreException {
    requireLoaded();
    int rc = LustreNative.createDirectory(handle, bytes(path), mode, mdt);
    if (rc < 0) {
      String where = mdt < 0 ? "" : " on MDT " + mdt;
      throw error("cannot create directory " + path + where, -rc);
    }
  }

  /** The index of the MDT that holds {@code path} (a directory or a file). */
  public int mdtIndex(Path path) throws LustreException {
    requireLoaded();
    int rc = LustreNative.mdtIndex(handle, bytes(path));
    if (rc < 0) {
      throw error("cannot get the MDT index of " + path, -rc);
    }
    return rc;
  }

  private void requireLoaded() throws LustreException {
    if (!available()) {
      throw new LustreException(describe(), LustreException.ENOSYS);
    }
  }

  private static LustreException error(String what, int errno) {
    return new LustreException(what + ": " + LustreNative.strerror(errno), errno);
  }

  /** The bytes the kernel sees for {@code path}, as the JDK itself encodes file names. */
  static byte[] bytes(Path path) {
    return path.toString().getBytes(PATH_CHARSET);
  }

  private static Charset pathCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }
}
