package dev.ferry.mover.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small helpers to build trees in a temp dir and compare them entry by entry. */
public final class Trees {
  private Trees() {}

  static Path file(Path p, String content) throws IOException {
    return file(p, content.getBytes(StandardCharsets.UTF_8));
  }

  static Path file(Path p, byte[] content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return p;
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static void times(Path p, long mtimeNanos, long atimeNanos) throws IOException {
    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(
            FileTime.from(mtimeNanos, TimeUnit.NANOSECONDS),
            FileTime.from(atimeNanos, TimeUnit.NANOSECONDS),
            null);
  }

  static EntryStat stat(Path p) throws IOException {
    return EntryStat.lstat(p);
  }

  static String exec(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    return out;
  }

  /** Allocated 512-byte blocks ({@code st_blocks}, which Java does not expose). */
  static long blocks(Path p) throws IOException, InterruptedException {
    return Long.parseLong(exec("stat", "-c", "%b", p.toString()));
  }

  /** Relative paths (as raw-byte strings) of everything below {@code root}, sorted. */
  static List<String> listing(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> !p.equals(root))
          .forEach(
              p ->
                  out.add(
                      new String(RawPaths.bytes(root.relativize(p)), StandardCharsets.ISO_8859_1)));
    }
    out.sort(null);
    return out;
  }

  /**
   * Asserts the two trees hold the same names, types, sizes, contents, symlink targets, modes and
   * file mtimes (nanoseconds).
   */
  public static void assertSameTree(Path a, Path b) throws IOException {
    assertEquals(listing(a), listing(b));
    TreeMap<String, Path> entries = new TreeMap<>();
    try (Stream<Path> s = Files.walk(a)) {
      s.forEach(p -> entries.put(a.relativize(p).toString(), a.relativize(p)));
    }
    for (Path rel : entries.values()) {
      Path pa = rel.toString().isEmpty() ? a : a.resolve(rel);
      Path pb = rel.toString().isEmpty() ? b : b.resolve(rel);
      EntryStat sa = stat(pa);
      EntryStat sb = stat(pb);
      assertEquals(sa.kind(), sb.kind(), rel.toString());
      if (sa.kind() != FileKind.SYMLINK) {
        assertEquals(
            Integer.toOctalString(sa.permissions()),
            Integer.toOctalString(sb.permissions()),
            "mode of " + rel);
      }
      if (sa.kind() == FileKind.FILE) {
        assertEquals(sa.size(), sb.size(), rel.toString());
        assertEquals(sa.mtimeNanos(), sb.mtimeNanos(), "mtime of " + rel);
        assertArrayEquals(Files.readAllBytes(pa), Files.readAllBytes(pb), rel.toString());
      }
      if (sa.kind() == FileKind.SYMLINK) {
        assertEquals(Files.readSymbolicLink(pa), Files.readSymbolicLink(pb), rel.toString());
      }
    }
  }
}
