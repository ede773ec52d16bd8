package dev.ferry.mover.lustre;

import dev.ferry.lustre.FileLayout;
import dev.ferry.lustre.LayoutCopier;
import dev.ferry.lustre.Lustre;
import dev.ferry.lustre.LustreException;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.task.EntryStat;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Creates target entries on a Lustre filesystem: files with their source's stripe layout (when the
 * source is Lustre too), first-level directories on the MDT that {@link MdtPlacement} picks.
 * Everything else is plain POSIX. Each file is created once, with its layout, before any byte is
 * written; chunk tasks then write into it. Thread-safe.
 */
public final class LustreTargetCreator implements TargetCreator {
  private static final int FILE_MODE = 0600;
  private static final int DIR_MODE = 0700;

  private final Lustre lustre;
  private final LayoutCopier layouts;
  private final boolean sourceIsLustre;
  private final Path targetRoot;
  private final MdtPlacement placement;
  private final Consumer<String> warnings;
  private final PosixTargetCreator posix = new PosixTargetCreator();
  private final AtomicLong nextDirectory = new AtomicLong();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /**
   * @param lustre a loaded library
   * @param sourceIsLustre whether layouts and MDTs can be read from the source
   * @param targetRoot the target root; its direct subdirectories are the first-level ones
   * @param placement where first-level directories go
   * @param warnings receives each distinct warning once
   */
  public LustreTargetCreator(
      Lustre lustre,
      boolean sourceIsLustre,
      Path targetRoot,
      MdtPlacement placement,
      Consumer<String> warnings) {
    if (!lustre.available()) {
      throw new IllegalArgumentException(lustre.describe());
    }
    this.lustre = lustre;
    this.layouts = new LayoutCopier(lustre, warnings);
    this.sourceIsLustre = sourceIsLustre;
    this.targetRoot = targetRoot;
    this.placement = placement;
    this.warnings = warnings;
  }

  @Override
  public FileChannel createFile(Path target, Path source, EntryStat stat) throws IOException {
    FileLayout layout = sourceIsLustre ? sourceLayout(source) : null;
    if (layout == null) {
      return posix.createFile(target, source, stat);
    }
    try {
      layouts.create(layout, target, FILE_MODE);
    } catch (LustreException e) {
      throw translated(e, target);
    }
    // Created just now, exclusively, by us; NOFOLLOW_LINKS guards against a swap since.
    return FileChannel.open(target, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * The layout a copy of {@code source} gets on this target: the source's, minus pools the target
   * lacks. Empty when the source's layout cannot be read. A target file whose layout is not this
   * one is recreated (written to a new file and renamed over) when it is recopied.
   */
  public Optional<FileLayout> intendedLayout(Path source) {
    FileLayout layout = sourceIsLustre ? sourceLayout(source) : null;
    return Optional.ofNullable(layout).map(layouts::intended);
  }

  @Override
  public void createDirectory(Path target, Path source, EntryStat stat) throws IOException {
    if (!placement.active() || !targetRoot.equals(target.getParent())) {
      posix.createDirectory(target, source, stat);
      return;
    }
    int mdt = placement.preserve() ? sourceMdt(source) : nextRoundRobin();
    try {
      lustre.createDirectory(target, DIR_MODE, mdt);
    } catch (LustreException e) {
      if (mdt < 0 || e.errno() != LustreException.EINVAL) {
        throw translated(e, target);
      }
      warnOnce(
          "cannot create directories on MDT "
              + mdt
              + " of the target ("
              + reason(e)
              + "); Lustre places them instead");
      createDirectoryAnywhere(target);
    }
  }

  private void createDirectoryAnywhere(Path target) throws IOException {
    try {
      lustre.createDirectory(target, DIR_MODE, -1);
    } catch (LustreException e) {
      throw translated(e, target);
    }
  }

  private int nextRoundRobin() {
    var mdts = placement.roundRobin();
    return mdts.get((int) Math.floorMod(nextDirectory.getAndIncrement(), (long) mdts.size()));
  }

  private int sourceMdt(Path source) {
    if (!sourceIsLustre) {
      warnOnce("--mdt-preserve: the source is not Lustre; Lustre places directories instead");
      return -1;
    }
    try {
      return lustre.mdtIndex(source);
    } catch (LustreException e) {
      warnOnce("--mdt-preserve: " + e.getMessage() + "; Lustre places such directories instead");
      return -1;
    }
  }

  private FileLayout sourceLayout(Path source) {
    try {
      return lustre.layout(source);
    } catch (LustreException e) {
      warnOnce(e.getMessage() + "; such files get the target's default layout");
      return null;
    }
  }

  private void warnOnce(String warning) {
    // Keyed without the path, so one kind of failure is reported once, not once per file.
    String kind = warning.replaceAll("/\\S*", "");
    if (warned.add(kind)) {
      warnings.accept(warning);
    }
  }

  private static IOException translated(LustreException e, Path target) {
    if (e.errno() == LustreException.EEXIST) {
      return new FileAlreadyExistsException(target.toString());
    }
    return e;
  }

  private static String reason(LustreException e) {
    String m = e.getMessage();
    return m.substring(m.lastIndexOf(": ") + 2);
  }
}
