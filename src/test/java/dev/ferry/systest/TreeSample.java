package dev.ferry.systest;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Source trees for distributed tests, and a snapshot of everything a copy must reproduce. */
final class TreeSample {
  private TreeSample() {}

  /**
   * {@code dirs} directories of {@code files} files each, plus a hard-linked pair, a symlink, a
   * sparse file, a name that is not UTF-8 and old directory times.
   */
  static void create(Path root, int dirs, int files) throws IOException {
    create(root, dirs, files, 7);
  }

  /**
   * As above, the directories spread over {@code groups} parents ({@code d0}, {@code d1}...): few
   * groups make wide parents, whose subdirectories travel to workers in packs.
   */
  static void create(Path root, int dirs, int files, int groups) throws IOException {
    Files.createDirectories(root);
    for (int d = 0; d < dirs; d++) {
      Path dir = Files.createDirectories(root.resolve("d" + (d % groups)).resolve("sub" + d));
      for (int f = 0; f < files; f++) {
        Files.writeString(dir.resolve("f" + f + ".txt"), "content " + d + "/" + f + "\n".repeat(f));
      }
    }
    Path special = Files.createDirectories(root.resolve("special"));
    Files.writeString(special.resolve("original"), "linked twice");
    Files.createLink(special.resolve("second-name"), special.resolve("original"));
    Files.createSymbolicLink(special.resolve("link"), Path.of("original"));
    try (RandomAccessFile sparse = new RandomAccessFile(special.resolve("sparse").toFile(), "rw")) {
      sparse.setLength(8 << 20);
      sparse.seek(4 << 20);
      sparse.write("middle".getBytes());
    }
    Files.writeString(special.resolve("caf\u00e9 \u0001odd"), "odd name");
    for (int d = 0; d < groups && d < dirs; d++) {
      Files.setLastModifiedTime(root.resolve("d" + d), FileTime.fromMillis(1_500_000_000_000L + d));
    }
  }

  /** Path -> type, size, mode, mtime, content digest (or link target), hard-link group. */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Map<Object, String> inodes = new HashMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String rel = root.relativize(p).toString();
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        StringBuilder s = new StringBuilder();
        s.append(Integer.toOctalString((Integer) a.get("mode")));
        if (Files.isSymbolicLink(p)) {
          s.append(" -> ").append(Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          s.append(" size=").append(a.get("size")).append(" sha=").append(digest(p));
          s.append(" mtime=").append(a.get("lastModifiedTime"));
          if ((Integer) a.get("nlink") > 1) {
            s.append(" link=").append(inodes.computeIfAbsent(a.get("ino"), k -> rel));
          }
        } else if (!rel.isEmpty()) {
          s.append(" mtime=").append(a.get("lastModifiedTime"));
        }
        out.put(rel, s.toString());
      }
    }
    return out;
  }

  /** Blocks actually allocated: a sparse copy stays far below its length. */
  static long allocatedBytes(Path p) throws IOException, InterruptedException {
    Process du = new ProcessBuilder("du", "-B1", p.toString()).start();
    String out = new String(du.getInputStream().readAllBytes()).trim();
    du.waitFor();
    return Long.parseLong(out.split("\\s+")[0]);
  }

  private static String digest(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
