package dev.ferry.lustre;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Creates files on one target Lustre filesystem with the layouts of their sources, and degrades
 * gracefully where the target cannot take a layout as it is:
 *
 * <ul>
 *   <li>a pool the target does not have: the file is created without that pool, and the pool is
 *       reported once;
 *   <li>a layout the target rejects otherwise (EINVAL: no Data-on-MDT, a stripe size it refuses) or
 *       one ferry does not recreate (mirrored/FLR layouts, whose components overlap): the file gets
 *       the target's default layout, reported once per kind of layout.
 * </ul>
 *
 * Thread-safe; one instance per target filesystem, because pools are per filesystem.
 */
public final class LayoutCopier {
  private final Lustre lustre;
  private final Consumer<String> warnings;
  private final Set<String> missingPools = ConcurrentHashMap.newKeySet();
  private final Set<String> presentPools = ConcurrentHashMap.newKeySet();
  private final Set<String> reportedLayouts = ConcurrentHashMap.newKeySet();

  /**
   * @param lustre a loaded library
   * @param warnings receives each warning once, as one line
   */
  public LayoutCopier(Lustre lustre, Consumer<String> warnings) {
    this.lustre = lustre;
    this.warnings = warnings;
  }

  /** The layout {@link #create} would give a copy of a file laid out as {@code source}. */
  public FileLayout intended(FileLayout source) {
    return source.withoutPools(missingPools);
  }

  /**
   * Creates {@code target} (which must not exist: EEXIST is thrown as is) with the layout of {@code
   * source}, empty and closed, with permission bits {@code mode}.
   *
   * @return true when the layout was applied, false when the target's default was used
   */
  public boolean create(FileLayout source, Path target, int mode) throws IOException {
    if (!source.contiguous()) {
      useDefault(target, mode, source, "ferry does not recreate mirrored or overlapping layouts");
      return false;
    }
    FileLayout wanted = intended(source);
    Set<String> unverified = new TreeSet<>(wanted.pools());
    unverified.removeAll(presentPools);
    try {
      lustre.createFile(target, wanted, mode);
      presentPools.addAll(wanted.pools());
      return true;
    } catch (LustreException e) {
      if (e.errno() != LustreException.EINVAL) {
        throw e;
      }
      removeLeftover(target);
      if (!unverified.isEmpty() && createWithoutPools(wanted, unverified, target, mode)) {
        return true;
      }
      useDefault(target, mode, wanted, firstReason(e));
      return false;
    }
  }

  /**
   * The target refused {@code wanted}; if it accepts it without the unverified pools, find which of
   * them are missing (each is tried alone), report them and create the file without them.
   */
  private boolean createWithoutPools(
      FileLayout wanted, Set<String> unverified, Path target, int mode) throws IOException {
    try {
      lustre.createFile(target, wanted.withoutPools(unverified), mode);
    } catch (LustreException e) {
      removeLeftover(target);
      return false; // not (only) a pool problem
    }
    if (unverified.size() == 1) {
      poolMissing(unverified.iterator().next());
      return true;
    }
    Files.delete(target);
    Set<String> missing = new TreeSet<>();
    for (String pool : unverified) {
      Set<String> others = new TreeSet<>(unverified);
      others.remove(pool);
      try {
        lustre.createFile(target, wanted.withoutPools(others), mode);
        presentPools.add(pool);
        Files.delete(target);
      } catch (LustreException e) {
        removeLeftover(target);
        missing.add(pool);
      }
    }
    missing.forEach(this::poolMissing);
    lustre.createFile(target, wanted.withoutPools(missing), mode);
    return true;
  }

  private void poolMissing(String pool) {
    if (missingPools.add(pool)) {
      warnings.accept(
          "pool '"
              + pool
              + "' does not exist on the target filesystem; files that use it are created"
              + " without a pool");
    }
  }

  private void useDefault(Path target, int mode, FileLayout layout, String why) throws IOException {
    if (reportedLayouts.add(layout.describe())) {
      warnings.accept(
          "layout "
              + layout.describe()
              + " cannot be recreated ("
              + why
              + "); files with it get the target's default layout, first: "
              + target);
    }
    Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixModes.permissions(mode)));
  }

  /**
   * liblustreapi opens the file before it sets the layout, so a rejected layout can leave an empty
   * file behind. It is ours: creation was exclusive and did not fail with EEXIST.
   */
  private static void removeLeftover(Path target) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (a.isRegularFile() && a.size() == 0) {
      Files.delete(target);
    }
  }

  private static String firstReason(LustreException e) {
    String m = e.getMessage();
    int colon = m.lastIndexOf(": ");
    return colon < 0 ? m : m.substring(colon + 2);
  }
}
