package dev.ferry.mover.lustre;

import dev.ferry.lustre.Lustre;
import dev.ferry.lustre.LustreMode;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.TargetCreator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Chooses the {@link TargetCreator} of a copy: Lustre-aware when the target is handled as Lustre
 * and liblustreapi loads, plain POSIX otherwise. The library is loaded only when a Lustre
 * filesystem is involved, and its absence is then reported once.
 */
public final class LustreCreators {
  private LustreCreators() {}

  /**
   * @param options the run's Lustre settings
   * @param sourceRoot the source root (an existing directory)
   * @param targetRoot the target root; when it does not exist yet, its nearest existing ancestor is
   *     asked whether it is on Lustre
   * @param warnings receives each warning once, as one line
   */
  public static TargetCreator forCopy(
      LustreOptions options, Path sourceRoot, Path targetRoot, Consumer<String> warnings)
      throws IOException {
    return create(options, sourceRoot, targetRoot, warnings, false);
  }

  /**
   * The same, for one distributed job on a worker, which refuses rather than copy without layouts
   * when the job demands Lustre on its target ({@code on}) and this node lacks the library: other
   * workers may have it.
   *
   * @throws LustreUnavailableException when the job demands Lustre and the library does not load
   */
  public static TargetCreator forJob(
      LustreOptions options, Path sourceRoot, Path targetRoot, Consumer<String> warnings)
      throws IOException {
    return create(options, sourceRoot, targetRoot, warnings, true);
  }

  private static TargetCreator create(
      LustreOptions options,
      Path sourceRoot,
      Path targetRoot,
      Consumer<String> warnings,
      boolean refuseWithoutLibrary)
      throws IOException {
    Path target = resolved(targetRoot);
    boolean sourceIsLustre = options.policy().treatsAsLustre(sourceRoot, options.source());
    boolean targetIsLustre =
        options.policy().treatsAsLustre(existingAncestor(target), options.target());
    if (!targetIsLustre) {
      if (options.placement().active()) {
        warnings.accept(
            options.placement().describe()
                + " is ignored: the target "
                + targetRoot
                + " is not handled as Lustre");
      }
      return new PosixTargetCreator();
    }
    Lustre lustre = Lustre.load(options.library());
    if (!lustre.available()) {
      if (refuseWithoutLibrary && options.policy().effective(options.target()) == LustreMode.ON) {
        throw new LustreUnavailableException(
            "the job demands Lustre on its target (lustre = on) but liblustreapi is not available"
                + " on this node ("
                + lustre.unavailableReason().orElse("not loaded")
                + ")");
      }
      warnings.accept(lustre.describe());
      return new PosixTargetCreator();
    }
    return new LustreTargetCreator(lustre, sourceIsLustre, target, options.placement(), warnings);
  }

  /**
   * The root as the engine sees it: absolute, with the symlinks of its existing part resolved, so
   * first-level directories are recognised by their parent.
   */
  static Path resolved(Path root) throws IOException {
    Path abs = root.toAbsolutePath().normalize();
    Path existing = existingAncestor(abs);
    return existing.toRealPath().resolve(existing.relativize(abs));
  }

  private static Path existingAncestor(Path p) {
    Path candidate = p.toAbsolutePath();
    while (candidate.getParent() != null && !Files.exists(candidate)) {
      candidate = candidate.getParent();
    }
    return candidate;
  }
}
