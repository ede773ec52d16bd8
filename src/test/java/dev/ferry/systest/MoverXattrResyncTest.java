package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #3 through the packaged binary, traced with {@code strace}: an ACL set on an unchanged file
 * in SRC reaches DST on the next {@code copy}, and only that file's xattrs are read; a re-run with
 * nothing changed lists the xattrs of no file at all (directories are always brought in line by
 * their finish task, so theirs are).
 */
class MoverXattrResyncTest {
  /** A quoted path argument, or a path strace -y prints for a file descriptor. */
  private static final Pattern PATH = Pattern.compile("\"([^\"]*)\"|<(/[^>]*)>");

  @TempDir Path tmp;

  @Test
  void onlyFilesWhoseSourceChangedHaveTheirXattrsListedOnARerun() throws Exception {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    MoverTrees.sh(
        """
        mkdir -p "$1/a/b" "$1/c"
        for f in a/f1 a/f2 a/b/f3 c/f4 top; do printf '%s' "$f" > "$1/$f"; done
        ln "$1/a/f2" "$1/c/f2-link" && ln -s ../top "$1/a/to-top"
        setfacl -m u:4321:rw "$1/c/f4"
        """,
        src.toString());
    MoverCli.Outcome first = MoverCli.run("copy", src.toString(), dst.toString());
    assertEquals(0, first.exit(), first.describe());
    MoverTrees.sh("setfacl -m u:1234:r \"$1/a/f1\"", src.toString());

    Set<String> listed = tracedListxattr("copy", src.toString(), dst.toString());

    assertEquals(
        Set.of(src.resolve("a/f1").toString(), dst.resolve("a/f1").toString()),
        nonDirectories(listed),
        "llistxattr on files whose source did not change: " + listed);
    assertTrue(listed.contains(dst.toString()), "strace saw no xattr call of ferry: " + listed);
    assertEquals(acl(src.resolve("a/f1")), acl(dst.resolve("a/f1")));
    assertTrue(acl(dst.resolve("a/f1")).contains("user:1234:r--"), acl(dst.resolve("a/f1")));

    Set<String> again = tracedListxattr("copy", src.toString(), dst.toString());

    assertEquals(Set.of(), nonDirectories(again), "a no-change re-run read xattrs: " + again);
    assertFalse(again.isEmpty(), "strace saw no xattr call of ferry");
    MoverCli.Outcome verify = MoverCli.run("verify", src.toString(), dst.toString());
    assertEquals(0, verify.exit(), verify.describe());
  }

  /** Runs ferry under strace and returns every path it listed the xattrs of. */
  private Set<String> tracedListxattr(String... args) throws Exception {
    Set<String> paths = new TreeSet<>();
    for (String line : Strace.ferry(tmp, "listxattr,llistxattr,flistxattr", args)) {
      Matcher m = PATH.matcher(line);
      if (line.contains("listxattr(") && m.find()) {
        paths.add(m.group(1) != null ? m.group(1) : m.group(2));
      }
    }
    return paths;
  }

  private static Set<String> nonDirectories(Set<String> paths) {
    Set<String> out = new TreeSet<>();
    for (String p : paths) {
      if (!Files.isDirectory(Path.of(p), LinkOption.NOFOLLOW_LINKS)) {
        out.add(p);
      }
    }
    return out;
  }

  private static String acl(Path p) throws Exception {
    return MoverTrees.sh("getfacl --omit-header --numeric --physical \"$1\"", p.toString());
  }
}
