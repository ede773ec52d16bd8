package dev.ferry.mover.fs;

import dev.ferry.mover.task.RelPath;
import java.nio.file.Path;
import java.util.Map;

/**
 * Maps a filesystem name from a task to the local directory it is mounted at, so nodes may mount
 * filesystems at different places. Resolution never leaves the root: a {@link RelPath} holds no
 * {@code ..}, no {@code .} and is never absolute, and unknown names are refused.
 */
public final class Roots {
  private final Map<String, Path> roots;

  /** {@code roots}: filesystem name to an absolute, normalized directory. */
  public Roots(Map<String, Path> roots) {
    for (var e : roots.entrySet()) {
      Path p = e.getValue();
      if (!p.isAbsolute() || !p.normalize().equals(p)) {
        throw new IllegalArgumentException(
            "root of filesystem " + e.getKey() + " must be absolute and normalized: " + p);
      }
    }
    this.roots = Map.copyOf(roots);
  }

  /** The local root of filesystem {@code fs}. */
  public Path root(String fs) {
    Path root = roots.get(fs);
    if (root == null) {
      throw new IllegalArgumentException("unknown filesystem " + fs);
    }
    return root;
  }

  /** The local path of {@code rel} on filesystem {@code fs}; never outside its root. */
  public Path resolve(String fs, RelPath rel) {
    return rel.under(root(fs));
  }
}
