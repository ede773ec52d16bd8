package dev.ferry.systest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A reference walk of a tree: for every entry (keyed by its path relative to the root, compared as
 * bytes, so names that are not UTF-8 stay exact), its type, mode bits, owner, size, mtime in
 * nanoseconds, content digest, link target, device number, user xattrs, and which earlier entry it
 * shares an inode with. Two trees are identical when their snapshots have no {@link #differences}.
 * Access times are left out: reading a tree changes them.
 */
record TreeSnapshot(Map<Path, Entry> entries) {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** One entry's state; {@code hardLinkOf} is the first path (in byte order) of its inode. */
  record Entry(
      String type,
      int perms,
      int uid,
      int gid,
      long size,
      long mtimeNanos,
      String digest,
      String linkTarget,
      long rdev,
      Map<String, String> xattrs,
      Path hardLinkOf) {}

  static TreeSnapshot of(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted().toList();
    }
    Map<Path, Entry> entries = new TreeMap<>();
    Map<Long, Path> firstOfInode = new TreeMap<>();
    for (Path p : paths) {
      Map<String, Object> a = Files.readAttributes(p, "unix:*", NOFOLLOW);
      Path rel = root.relativize(p);
      int mode = (Integer) a.get("mode");
      String type = type(mode);
      Path leader = null;
      if (type.equals("file") && (Integer) a.get("nlink") > 1) {
        leader = firstOfInode.computeIfAbsent((Long) a.get("ino"), k -> rel);
      }
      entries.put(
          rel,
          new Entry(
              type,
              mode & 07777,
              (Integer) a.get("uid"),
              (Integer) a.get("gid"),
              type.equals("dir") ? 0 : (Long) a.get("size"),
              ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
              type.equals("file") ? digest(p) : null,
              type.equals("link") ? Files.readSymbolicLink(p).toString() : null,
              type.equals("char") || type.equals("block") ? (Long) a.get("rdev") : 0,
              type.equals("file") || type.equals("dir") ? xattrs(p) : Map.of(),
              leader));
    }
    return new TreeSnapshot(entries);
  }

  /** Every way {@code other} differs from this snapshot, one line each, at most 50. */
  List<String> differences(TreeSnapshot other) {
    List<String> out = new ArrayList<>();
    for (var e : entries.entrySet()) {
      Entry theirs = other.entries.get(e.getKey());
      if (theirs == null) {
        out.add("missing: '" + e.getKey() + "'");
      } else if (!e.getValue().equals(theirs)) {
        out.add("differs: '" + e.getKey() + "'\n  want " + e.getValue() + "\n  got  " + theirs);
      }
    }
    for (Path p : other.entries.keySet()) {
      if (!entries.containsKey(p)) {
        out.add("extra: '" + p + "'");
      }
    }
    return out.size() > 50 ? out.subList(0, 50) : out;
  }

  /** The same snapshot with directory mtimes left out (for passes that do not set them). */
  TreeSnapshot withoutDirTimes() {
    Map<Path, Entry> out = new TreeMap<>();
    entries.forEach(
        (k, e) ->
            out.put(
                k,
                e.type().equals("dir")
                    ? new Entry(
                        e.type(),
                        e.perms(),
                        e.uid(),
                        e.gid(),
                        e.size(),
                        0,
                        e.digest(),
                        e.linkTarget(),
                        e.rdev(),
                        e.xattrs(),
                        e.hardLinkOf())
                    : e));
    return new TreeSnapshot(out);
  }

  Entry get(Path rel) {
    return entries.get(rel);
  }

  private static String type(int mode) {
    return switch (mode & 0170000) {
      case 0100000 -> "file";
      case 0040000 -> "dir";
      case 0120000 -> "link";
      case 0010000 -> "fifo";
      case 0020000 -> "char";
      case 0060000 -> "block";
      case 0140000 -> "socket";
      default -> "unknown " + Integer.toOctalString(mode);
    };
  }

  static String digest(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file, NOFOLLOW)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> xattrs(Path p) {
    try {
      UserDefinedFileAttributeView view =
          Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, NOFOLLOW);
      Map<String, String> out = new TreeMap<>();
      for (String name : view.list()) {
        ByteBuffer buf = ByteBuffer.allocate(view.size(name));
        view.read(name, buf);
        out.put(name, HexFormat.of().formatHex(buf.array()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TreeSnapshot s && Objects.equals(entries, s.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }
}
