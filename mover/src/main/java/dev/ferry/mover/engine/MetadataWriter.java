package dev.ferry.mover.engine;

import dev.ferry.lustre.NativeFiles;
import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;

/**
 * Applies a source entry's metadata to a target entry, in the order that keeps it: xattrs, owner
 * (which clears setuid/setgid), mode, times last (every other change touches ctime only, but
 * writing xattrs or contents would move mtime). Never follows a symlink.
 */
final class MetadataWriter {
  private final boolean mode;
  private final boolean owner;
  private final boolean times;
  private final XattrCopier xattrs;
  private final boolean nativeTimes;
  private final int umask;

  /**
   * {@code xattrs}: null when no xattr is copied. {@code nativeTimes}: ferry's JNI library sets
   * symlink and special-file times (nanoseconds, no exec). {@code umask}: applied to new entries'
   * modes when modes are not preserved.
   */
  MetadataWriter(PassConfig cfg, boolean root, XattrCopier xattrs, boolean nativeTimes, int umask) {
    this.umask = umask;
    this.mode = cfg.preserves(Preserve.MODE);
    this.owner = root && cfg.preserves(Preserve.OWNER);
    this.times = cfg.preserves(Preserve.TIMES);
    this.xattrs = xattrs;
    this.nativeTimes = nativeTimes;
  }

  boolean preservesTimes() {
    return times;
  }

  /** The xattr copier in use, null when no xattr is copied (verify compares what it reads). */
  XattrCopier xattrs() {
    return xattrs;
  }

  /**
   * When modes are not preserved, gives a directory just created (0700) the mode cp would: the
   * source's bits masked by the umask, kept writable for its owner so it can be filled.
   */
  void newDirectory(Path dir, EntryStat src) throws IOException {
    if (!mode) {
      Files.setAttribute(dir, "unix:mode", (src.permissions() & 0777 & ~umask) | 0700);
    }
  }

  /** The owner a new entry gets from the kernel, when known, so an equal owner is not set again. */
  record Owner(int uid, int gid) {
    static final Owner UNKNOWN = new Owner(-1, -1);
  }

  /**
   * Sets everything on an entry just created by ferry (a temporary name nobody else knows): xattrs,
   * owner unless {@code created} already is the source's, mode, times.
   */
  void applyNew(Path target, Path source, EntryStat src, Owner created) throws IOException {
    FileKind kind = src.kind();
    if (xattrs != null && xattrs.reaches(kind)) {
      xattrs.copy(source, target, kind, false);
    }
    if (owner && (created.uid() != src.uid() || created.gid() != src.gid())) {
      Files.setAttribute(target, "unix:uid", src.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(target, "unix:gid", src.gid(), LinkOption.NOFOLLOW_LINKS);
    }
    if (kind != FileKind.SYMLINK) {
      Files.setAttribute(target, "unix:mode", newModeBits(src));
    }
    if (times) {
      setTimes(target, src);
    }
  }

  /**
   * What {@link #applyNew} sets on a new regular file, for {@code KernelCopy.copyNew} to set on the
   * open file instead. {@code uid}/{@code gid}: -1 when the owner is left as created. {@code
   * xattrs}: whether xattrs are copied, so that a file with any falls back to {@link #applyNew}.
   */
  record NewFile(int mode, int uid, int gid, boolean times, boolean xattrs) {}

  NewFile newFile(EntryStat src, Owner created) {
    boolean chown = owner && (created.uid() != src.uid() || created.gid() != src.gid());
    return new NewFile(
        newModeBits(src),
        chown ? src.uid() : -1,
        chown ? src.gid() : -1,
        times,
        xattrs != null && xattrs.reaches(FileKind.FILE));
  }

  /**
   * Not preserving modes means what cp and rsync do: the source's bits without
   * setuid/setgid/sticky, masked by the umask; never the private 0600 of the temporary file.
   */
  private int newModeBits(EntryStat src) {
    return mode ? src.permissions() : src.permissions() & 0777 & ~umask;
  }

  /**
   * Makes {@code target}'s metadata that of {@code src} (the lstat of {@code source}). {@code
   * existing} is the target's current lstat, or null for an entry just created (then everything is
   * set). {@code syncXattrs}: also bring xattrs of an existing entry in line (directories always,
   * other entries when {@link #xattrsMayDiffer}). Returns whether anything was changed.
   */
  boolean apply(Path target, Path source, EntryStat src, EntryStat existing, boolean syncXattrs)
      throws IOException {
    FileKind kind = src.kind();
    boolean changed = false;
    if (xattrs != null && xattrs.reaches(kind) && (existing == null || syncXattrs)) {
      changed |= xattrs.copy(source, target, kind, existing != null);
    }
    boolean chowned = false;
    if (owner && (existing == null || existing.uid() != src.uid() || existing.gid() != src.gid())) {
      Files.setAttribute(target, "unix:uid", src.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(target, "unix:gid", src.gid(), LinkOption.NOFOLLOW_LINKS);
      chowned = true;
      changed = true;
    }
    boolean modeDiffers = existing == null || existing.permissions() != src.permissions();
    if (mode && kind != FileKind.SYMLINK && (modeDiffers || chowned)) {
      Files.setAttribute(target, "unix:mode", src.permissions()); // keeps setuid/setgid/sticky
      changed = true;
    }
    if (times && (existing == null || !sameMtime(existing, src))) {
      setTimes(target, src);
      changed = true;
    }
    return changed;
  }

  /**
   * Whether an existing, up-to-date target may hold other xattrs than its source: the source's
   * status changed ({@code setfattr}, {@code setfacl}, {@code chmod}...) no earlier than ferry's
   * last write to the target, or a ctime is unknown (a task from an older ferry). Both ctimes come
   * with the lstat already made, so an unchanged entry costs no xattr call. Equal ctimes count as
   * changed: the kernel's clock ticks coarsely, and a change in the same tick must not be missed.
   * Assumes ferry (or a tool that copied the xattrs) made the target's last change.
   */
  static boolean xattrsMayDiffer(EntryStat src, EntryStat existing) {
    long from = src.ctimeNanos();
    long to = existing.ctimeNanos();
    return from == EntryStat.UNKNOWN_CTIME || to == EntryStat.UNKNOWN_CTIME || from >= to;
  }

  /**
   * Whether the target's mtime is the source's. Without ferry's JNI library, symlink times can only
   * be set to the microsecond (the JDK's lutimes), so they are compared that way.
   */
  static boolean sameMtime(EntryStat have, EntryStat src) {
    if (src.kind() == FileKind.SYMLINK && !NativeFiles.available()) {
      return have.mtimeNanos() / 1000 == src.mtimeNanos() / 1000;
    }
    return have.mtimeNanos() == src.mtimeNanos();
  }

  private void setTimes(Path target, EntryStat src) throws IOException {
    FileKind kind = src.kind();
    if (kind == FileKind.FILE || kind == FileKind.DIRECTORY) {
      // target was just checked (lstat) or created by ferry: a real file or directory. The
      // following variant saves the extra stat the no-follow one makes.
      Files.getFileAttributeView(target, BasicFileAttributeView.class)
          .setTimes(src.mtime(), src.atime(), null);
    } else if (nativeTimes) {
      // utimensat(AT_SYMLINK_NOFOLLOW): nanoseconds, never opens or follows the entry.
      NativeFiles.setTimes(RawPaths.bytes(target), src.atimeNanos(), src.mtimeNanos());
    } else if (kind == FileKind.SYMLINK) {
      Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(src.mtime(), src.atime(), null);
    } else {
      SpecialFiles.setTimes(target, src.atimeNanos(), src.mtimeNanos());
    }
  }
}
