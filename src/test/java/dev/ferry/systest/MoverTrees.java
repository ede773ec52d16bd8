package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds the real trees the mover tests copy: random content, byte-string names, odd types. */
final class MoverTrees {
  private MoverTrees() {}

  /** A file of {@code size} pseudo-random bytes from {@code seed}, with the given mtime. */
  static Path randomFile(Path file, long size, long seed, Instant mtime) throws IOException {
    Files.createDirectories(file.getParent());
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] buf = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        for (int i = 0; i < buf.length; i += 8) {
          long v = rnd.nextLong();
          for (int b = 0; b < 8; b++) {
            buf[i + b] = (byte) (v >>> (8 * b));
          }
        }
        int n = (int) Math.min(buf.length, left);
        out.write(buf, 0, n);
        left -= n;
      }
    }
    setMtime(file, mtime);
    return file;
  }

  static void setMtime(Path p, Instant t) throws IOException {
    Files.getFileAttributeView(
            p, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.from(t), null, null);
  }

  /**
   * Creates a file (or, with {@code dir}, a directory) whose name is given with printf's backslash
   * escapes, e.g. {@code "bad-\\377"}: Java strings cannot spell names that are not UTF-8, the
   * shell can. A trailing guard character keeps a final newline in the name.
   */
  static void byteName(Path root, String escaped, String content, boolean dir)
      throws IOException, InterruptedException {
    String script =
        "n=$(printf '%bx' \"$2\"); n=${n%x}; "
            + (dir ? "mkdir -- \"$1/$n\"" : "printf '%s' \"$3\" > \"$1/$n\"");
    sh(script, root.toString(), escaped, content);
  }

  /** Runs a POSIX shell script with positional arguments; it must succeed. */
  static String sh(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    command.addAll(List.of(args));
    MoverCli.Outcome o = MoverCli.runCommand(MoverCli.userEnv(), command);
    assertEquals(0, o.exit(), "sh -c " + script + " failed: " + o.describe());
    return o.stdout();
  }

  /**
   * The exact bytes of every name under {@code root} (relative, NUL-separated, sorted by bytes), as
   * {@code find} prints them: a check of names that does not go through Java's decoding.
   */
  static byte[] rawListing(Path root) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "sh",
                "-c",
                "cd \"$1\" && find . -mindepth 1 -print0 | LC_ALL=C sort -z",
                "sh",
                root.toString())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor(), new String(out, StandardCharsets.ISO_8859_1));
    return out;
  }

  /**
   * Gives every entry under {@code root} (root included, links themselves, deepest first) its own
   * mtime with a nanosecond part, from {@code epochSecond} on. Done with touch because Java's
   * setTimes keeps only microseconds.
   */
  static void stampTimes(Path root, long epochSecond) throws IOException, InterruptedException {
    List<String> command =
        List.of(
            "bash",
            "-c",
            "cd \"$1\" && i=0; find . -depth -print0 | while IFS= read -r -d '' f; do"
                + " i=$((i+1)); ns=$(printf %09d $(( (i * 7919) % 1000000000 )));"
                + " touch -h -m -d \"@$(( $2 + i * 3600 )).$ns\" -- \"$f\" || exit 1; done",
            "bash",
            root.toString(),
            Long.toString(epochSecond));
    MoverCli.Outcome o = MoverCli.runCommand(MoverCli.userEnv(), command);
    assertEquals(0, o.exit(), "stamping times failed: " + o.describe());
  }

  /**
   * A tree with every kind of thing a faithful copy must keep: special mode bits, foreign owners, a
   * read-only directory with contents, a file big enough to be split into chunks, a sparse file,
   * symlinks (relative, absolute, dangling, to a directory), hard links, a FIFO, a device node,
   * user xattrs, empty directories, and nanosecond mtimes on everything.
   */
  static void richTree(Path src) throws IOException, InterruptedException {
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    randomFile(src.resolve("docs/readme.txt"), 5000, 1, t);
    randomFile(src.resolve("docs/empty.txt"), 0, 2, t);
    randomFile(src.resolve("bin/setuid-tool"), 3000, 3, t);
    randomFile(src.resolve("bin/setgid-tool"), 3000, 4, t);
    randomFile(src.resolve("private/secret.key"), 200, 5, t);
    randomFile(src.resolve("readonly/inner/file.dat"), 7000, 6, t);
    randomFile(src.resolve("big/chunked.bin"), 72L << 20, 7, t);
    randomFile(src.resolve("hard/a"), 4096, 8, t);
    randomFile(src.resolve("hard/single"), 10, 9, t);
    Files.createDirectories(src.resolve("empty/nested/deeper"));
    Files.createDirectories(src.resolve("shared"));
    Files.createDirectories(src.resolve("setgid-dir"));
    Files.createDirectories(src.resolve("links"));
    Files.createDirectories(src.resolve("special"));
    try (var f = new java.io.RandomAccessFile(src.resolve("sparse.bin").toFile(), "rw")) {
      f.setLength(64L << 20);
      f.write(new byte[] {1, 2, 3});
      f.seek(32L << 20);
      f.write(new byte[] {4, 5, 6});
    }
    sh(
        """
        cd "$1"
        ln hard/a hard/b && ln hard/a docs/hard-c
        ln -s ../docs/readme.txt links/relative
        ln -s /ferry-systest-nowhere/outside links/absolute-outside
        ln -s nowhere/at/all links/dangling
        ln -s ../docs links/to-dir
        mkfifo special/fifo && mknod special/null c 1 3
        chmod 4755 bin/setuid-tool && chmod 2755 bin/setgid-tool
        chmod 1777 shared && chmod 2775 setgid-dir
        chmod 0600 private/secret.key && chmod 0700 private
        chown 1234:5678 private private/secret.key && chown -h 4321:8765 links/relative
        chmod 0444 readonly/inner/file.dat && chmod 0555 readonly/inner readonly
        chmod 0640 docs/readme.txt && chmod 0751 docs
        """,
        src.toString());
    // Java's view adds the "user." namespace itself: these are user.comment and user.project.
    Files.getFileAttributeView(src.resolve("docs/readme.txt"), UserDefinedFileAttributeView.class)
        .write("comment", StandardCharsets.UTF_8.encode("kept by ferry"));
    Files.getFileAttributeView(src.resolve("docs"), UserDefinedFileAttributeView.class)
        .write("project", StandardCharsets.UTF_8.encode("x42"));
    stampTimes(src, t.getEpochSecond());
  }

  /** Every regular file's (relative path -> snapshot entry) pairs, for partial-copy checks. */
  static Map<Path, TreeSnapshot.Entry> files(TreeSnapshot s) {
    Map<Path, TreeSnapshot.Entry> out = new java.util.TreeMap<>();
    s.entries()
        .forEach(
            (k, v) -> {
              if (v.type().equals("file")) {
                out.put(k, v);
              }
            });
    return out;
  }
}
