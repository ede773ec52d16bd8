package dev.ferry.mover.amqp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The filesystems of the config file ({@code [filesystems.NAME]}, {@code mount}, {@code write}),
 * and how a location such as {@code panda:/user_xyz} or a plain absolute path resolves on this
 * node. Resolution refuses to leave a filesystem, to write where writing is not allowed, and to use
 * a filesystem that is not mounted here (copying into an empty mount point would fill the wrong
 * disk and look like success).
 */
public final class NamedFilesystems {
  /**
   * One named filesystem as this node mounts it.
   *
   * @param requireMount when true (the default), {@code mount} must be a mount point: its device
   *     differs from its parent's. Off only for directories that stand in for filesystems (tests).
   */
  public record Filesystem(String name, Path mount, boolean writable, boolean requireMount) {
    public Filesystem {
      if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
        throw new IllegalArgumentException(
            "filesystem name must be 1-64 letters, digits, '_', '.' or '-': " + name);
      }
      Objects.requireNonNull(mount, "mount");
      if (!mount.isAbsolute()) {
        throw new IllegalArgumentException("mount of filesystem " + name + " must be absolute");
      }
      mount = mount.normalize();
    }
  }

  /** Why a location cannot be used on this node. */
  public static final class RefusedException extends RuntimeException {
    public RefusedException(String message) {
      super(message);
    }
  }

  private final Map<String, Filesystem> byName;

  public NamedFilesystems(Map<String, Filesystem> byName) {
    this.byName = Map.copyOf(byName);
  }

  public static NamedFilesystems none() {
    return new NamedFilesystems(Map.of());
  }

  /**
   * One line per configured filesystem that this node cannot use (not mounted, not a directory),
   * for a worker to say so when it starts instead of only when a task fails.
   */
  public List<String> unavailable() {
    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(byName.keySet())) {
      try {
        resolve(name + ":/", false);
      } catch (RefusedException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  public Optional<Filesystem> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Checks the syntax of a location as typed by a user: {@code NAME:/path} with a configured name,
   * or an absolute path; returns it in its canonical form, which messages carry.
   */
  public String canonical(String location) {
    int colon = location.indexOf(':');
    if (location.startsWith("/")) {
      return Path.of(location).normalize().toString();
    }
    if (colon <= 0) {
      throw new RefusedException("'" + location + "' is neither an absolute path nor NAME:/path");
    }
    String name = location.substring(0, colon);
    if (!byName.containsKey(name)) {
      throw new RefusedException(
          "unknown filesystem '" + name + "' (declare it as [filesystems." + name + "])");
    }
    String sub = location.substring(colon + 1);
    if (!sub.startsWith("/")) {
      sub = "/" + sub;
    }
    for (Path part : Path.of(sub.substring(1).isEmpty() ? "." : sub.substring(1))) {
      if (part.toString().equals("..")) {
        throw new RefusedException("'" + location + "' escapes filesystem " + name);
      }
    }
    String normal = Path.of(sub).normalize().toString();
    return name + ":" + normal;
  }

  /**
   * The local directory of a canonical location on this node, checked: mounted, inside its
   * filesystem even through symlinks, and writable by configuration when {@code forWriting}.
   */
  public Path resolve(String location, boolean forWriting) {
    String canonical = canonical(location);
    if (canonical.startsWith("/")) {
      Path p = Path.of(canonical);
      Optional<Filesystem> owner = owning(p);
      if (forWriting && owner.isPresent() && !owner.get().writable()) {
        throw notWritable(owner.get());
      }
      return p;
    }
    int colon = canonical.indexOf(':');
    Filesystem fs = byName.get(canonical.substring(0, colon));
    if (forWriting && !fs.writable()) {
      throw notWritable(fs);
    }
    checkMounted(fs);
    String sub = canonical.substring(colon + 1);
    Path local = sub.equals("/") ? fs.mount() : fs.mount().resolve(sub.substring(1)).normalize();
    checkInside(fs, local);
    return local;
  }

  private Optional<Filesystem> owning(Path p) {
    Filesystem best = null;
    for (Filesystem fs : byName.values()) {
      if (p.startsWith(fs.mount())
          && (best == null || fs.mount().getNameCount() > best.mount().getNameCount())) {
        best = fs;
      }
    }
    return Optional.ofNullable(best);
  }

  private static RefusedException notWritable(Filesystem fs) {
    return new RefusedException(
        "filesystem "
            + fs.name()
            + " is not writable here (set write = true in [filesystems."
            + fs.name()
            + "] to allow it)");
  }

  private static void checkMounted(Filesystem fs) {
    Path mount = fs.mount();
    if (!Files.isDirectory(mount, LinkOption.NOFOLLOW_LINKS)) {
      throw new RefusedException(
          "filesystem " + fs.name() + " is not available: " + mount + " is not a directory");
    }
    if (!fs.requireMount() || mount.getParent() == null) {
      return;
    }
    try {
      Object dev = Files.getAttribute(mount, "unix:dev", LinkOption.NOFOLLOW_LINKS);
      Object parentDev = Files.getAttribute(mount.getParent(), "unix:dev");
      if (dev.equals(parentDev)) {
        throw new RefusedException(
            "filesystem "
                + fs.name()
                + " is not mounted on this node: "
                + mount
                + " is on the same device as its parent");
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw new RefusedException(
          "cannot tell whether filesystem " + fs.name() + " is mounted at " + mount + ": " + e);
    }
  }

  private static void checkInside(Filesystem fs, Path local) {
    try {
      Path realMount = fs.mount().toRealPath();
      Path real = Files.exists(local) ? local.toRealPath() : local;
      if (!real.startsWith(realMount)) {
        throw new RefusedException(
            "'" + local + "' leaves filesystem " + fs.name() + " (through a symbolic link?)");
      }
    } catch (IOException e) {
      throw new RefusedException("cannot resolve " + local + ": " + e.getMessage());
    }
  }
}
