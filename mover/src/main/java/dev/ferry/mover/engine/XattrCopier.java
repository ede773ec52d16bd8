package dev.ferry.mover.engine;

import dev.ferry.mover.task.FileKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Copies the extended attributes ferry preserves from a source entry to its target twin. */
interface XattrCopier {
  /**
   * Copies the preserved xattrs of {@code source} to {@code target} (neither followed) and returns
   * whether the target changed. {@code existed}: the target was there before this pass, so it may
   * hold preserved-namespace xattrs the source lacks, which are removed. (A copier that also copies
   * ACLs cleans new entries too: they may have inherited a default ACL.)
   */
  boolean copy(Path source, Path target, FileKind kind, boolean existed) throws IOException;

  /**
   * The xattrs of {@code path} (not followed) that this copier would copy, by full name as raw
   * bytes in ISO-8859-1 (one char per byte). Reads only: what {@code verify} compares.
   */
  Map<String, byte[]> read(Path path) throws IOException;

  /** Whether this copier reaches this kind of entry at all. */
  boolean reaches(FileKind kind);
}
