package dev.ferry.mover.engine;

import dev.ferry.lustre.NativeFiles;
import dev.ferry.lustre.PosixCallException;
import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.FileKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies xattrs with raw {@code l*xattr} calls through ferry's JNI library: every namespace that
 * {@link XattrNames} allows, on every kind of entry (symlinks, FIFOs and devices too), paths and
 * names as raw bytes. With ACLs preserved, new entries are cleaned too: a file created under a
 * directory with a default ACL inherits an ACL the source file may not have.
 */
final class NativeXattrCopier implements XattrCopier {
  private final XattrNames names;

  NativeXattrCopier(XattrNames names) {
    this.names = names;
  }

  @Override
  public boolean reaches(FileKind kind) {
    return true;
  }

  @Override
  public boolean copy(Path source, Path target, FileKind kind, boolean existed)
      throws PosixCallException {
    byte[] from = RawPaths.bytes(source);
    byte[] to = RawPaths.bytes(target);
    Map<String, byte[]> stale = existed || names.acls() ? read(to) : new HashMap<>();
    boolean changed = false;
    for (Map.Entry<String, byte[]> e : read(from).entrySet()) {
      byte[] have = stale.remove(e.getKey());
      if (have != null && Arrays.equals(have, e.getValue())) {
        continue;
      }
      NativeFiles.setXattr(to, raw(e.getKey()), e.getValue());
      changed = true;
    }
    for (String name : stale.keySet()) {
      NativeFiles.removeXattr(to, raw(name));
      changed = true;
    }
    return changed;
  }

  @Override
  public Map<String, byte[]> read(Path path) throws PosixCallException {
    return read(RawPaths.bytes(path));
  }

  /** The copied xattrs of {@code path}, by name (ISO-8859-1: one char per byte, exact). */
  private Map<String, byte[]> read(byte[] path) throws PosixCallException {
    return read(path, 3);
  }

  private Map<String, byte[]> read(byte[] path, int attempts) throws PosixCallException {
    Map<String, byte[]> out = new HashMap<>();
    try {
      for (byte[] name : NativeFiles.listXattrs(path)) {
        if (names.copied(name)) {
          out.put(new String(name, StandardCharsets.ISO_8859_1), NativeFiles.getXattr(path, name));
        }
      }
    } catch (PosixCallException e) {
      if (e.errno() == PosixCallException.EOPNOTSUPP) {
        return out; // a filesystem without xattrs has none to copy
      }
      if (e.errno() != PosixCallException.ENODATA || attempts <= 1) {
        throw e;
      }
      // removed between list and get: read again, the list has changed
      return read(path, attempts - 1);
    }
    return out;
  }

  private static byte[] raw(String name) {
    return name.getBytes(StandardCharsets.ISO_8859_1);
  }
}
