package dev.ferry.mover.task;

import dev.ferry.mover.fs.PercentEncoding;
import dev.ferry.mover.fs.RawPaths;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A path relative to a filesystem root: zero or more names, never absolute, never {@code .} or
 * {@code ..}. Held as a {@link Path} so the in-process engine never converts names; the raw bytes
 * are available for the wire ({@link #bytes()}, {@link #ofBytes}). The empty path is the root.
 */
public final class RelPath {
  /** The root itself. */
  public static final RelPath ROOT = new RelPath(Path.of(""));

  private final Path path;

  private RelPath(Path path) {
    this.path = path;
  }

  /**
   * A relative path from a {@link Path} that must be relative and hold no {@code .}/{@code ..}
   * names.
   */
  public static RelPath of(Path relative) {
    if (relative.isAbsolute()) {
      throw new IllegalArgumentException("not a relative path: " + relative);
    }
    if (relative.toString().isEmpty()) {
      return ROOT;
    }
    for (Path name : relative) {
      String s = name.toString();
      if (s.equals("..") || s.equals(".")) {
        throw new IllegalArgumentException("path escapes its root: " + relative);
      }
    }
    return new RelPath(relative);
  }

  /** A relative path from raw bytes ({@code /}-separated names), as carried on the wire. */
  public static RelPath ofBytes(byte[] raw) {
    if (raw.length == 0) {
      return ROOT;
    }
    if (raw[0] == '/') {
      throw new IllegalArgumentException("not a relative path: " + PercentEncoding.encode(raw));
    }
    return of(RawPaths.path(raw));
  }

  /** The raw bytes of this path; empty for the root. */
  public byte[] bytes() {
    return this == ROOT || isRoot() ? new byte[0] : RawPaths.bytes(path);
  }

  public boolean isRoot() {
    return path.getNameCount() == 0 || path.toString().isEmpty();
  }

  /** This path under a root directory. */
  public Path under(Path root) {
    return isRoot() ? root : root.resolve(path);
  }

  /** The child named {@code name} (a single name taken from a directory listing). */
  public RelPath child(Path name) {
    return new RelPath(isRoot() ? name : path.resolve(name));
  }

  /** The last name, or the empty path for the root. */
  public Path name() {
    return isRoot() ? path : path.getFileName();
  }

  /** The parent, or the root for a single name. */
  public RelPath parent() {
    Path p = path.getParent();
    return p == null ? ROOT : new RelPath(p);
  }

  /** How many names deep this is; 0 for the root. */
  public int depth() {
    return isRoot() ? 0 : path.getNameCount();
  }

  /** The underlying relative {@link Path}. */
  public Path path() {
    return path;
  }

  /**
   * A readable, unambiguous form for messages: valid UTF-8 stays as is; other bytes and control
   * characters appear as {@code \xNN}; the root is {@code .}.
   */
  public String display() {
    if (isRoot()) {
      return ".";
    }
    return displayBytes(bytes());
  }

  /** The display form of any raw byte string. */
  public static String displayBytes(byte[] raw) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw))
              .toString();
      if (s.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
        return s;
      }
    } catch (CharacterCodingException e) {
      // fall through to the escaped form
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : raw) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RelPath r && r.path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return display();
  }
}
