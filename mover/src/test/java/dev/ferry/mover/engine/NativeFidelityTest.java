package dev.ferry.mover.engine;

import static dev.ferry.mover.engine.Trees.file;
import static dev.ferry.mover.engine.Trees.stat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.lustre.NativeFiles;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.Pass;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What needs ferry's JNI library: POSIX ACLs, {@code trusted.*} xattrs, xattrs of symlinks,
 * nanosecond symlink times. Uses {@code setfacl}/{@code getfacl} (package {@code acl}) and runs as
 * root, like the rest of the suite.
 */
class NativeFidelityTest extends TreeTestBase {

  @BeforeEach
  void nativeLibraryAndRoot() {
    assertTrue(NativeFiles.available(), NativeFiles.unavailableReason().orElse(""));
    assertTrue(Mover.runningAsRoot(), "these tests run as root (trusted.* xattrs)");
  }

  private static String acl(Path p) throws Exception {
    return Trees.exec("getfacl", "--omit-header", "--numeric", "--physical", p.toString());
  }

  private static byte[] xattr(Path p, String name) throws Exception {
    return NativeFiles.getXattr(p.toString().getBytes(UTF_8), name.getBytes(UTF_8));
  }

  private static void setXattr(Path p, String name, String value) throws Exception {
    NativeFiles.setXattr(p.toString().getBytes(UTF_8), name.getBytes(UTF_8), value.getBytes(UTF_8));
  }

  private static List<String> xattrNames(Path p) throws Exception {
    return NativeFiles.listXattrs(p.toString().getBytes(UTF_8)).stream()
        .map(n -> new String(n, UTF_8))
        .toList();
  }

  @Test
  void aclsOfFilesAndDefaultAclsOfDirectoriesAreCopied() throws Exception {
    Path f = file(src().resolve("shared/report.txt"), "x");
    Path d = src().resolve("shared");
    Trees.exec("setfacl", "-m", "u:1234:rw-,g:4321:r--", f.toString());
    Trees.exec("setfacl", "-m", "u:1234:rwx", d.toString());
    Trees.exec("setfacl", "-d", "-m", "u:1234:rwx,g:555:r-x", d.toString());
    Files.setAttribute(f, "unix:mode", 0640); // the mask follows the group bits

    RunSummary s = Runs.of(src(), dst()).run();

    assertTrue(s.clean(), s.text());
    Path tf = dst().resolve("shared/report.txt");
    Path td = dst().resolve("shared");
    assertTrue(acl(tf).contains("user:1234:rw-"), acl(tf));
    assertEquals(acl(f), acl(tf));
    assertTrue(acl(td).contains("default:group:555:r-x"), acl(td));
    assertEquals(acl(d), acl(td));
    assertEquals(stat(f).permissions(), stat(tf).permissions());
  }

  @Test
  void noAclsLeavesTargetsWithoutAcls() throws Exception {
    Path f = file(src().resolve("a"), "x");
    Trees.exec("setfacl", "-m", "u:1234:rw-", f.toString());
    Runs r = Runs.of(src(), dst());
    r.preserve.remove(Preserve.ACLS);

    assertTrue(r.run().clean());

    assertFalse(acl(dst().resolve("a")).contains("1234"), acl(dst().resolve("a")));
  }

  @Test
  void anAclInheritedInTheTargetIsRemovedWhenTheSourceFileHasNone() throws Exception {
    Path d = Files.createDirectories(src().resolve("d"));
    Trees.exec("setfacl", "-d", "-m", "u:1234:rwx", d.toString());
    assertTrue(Runs.of(src(), dst()).run().clean());
    Path plain = file(d.resolve("plain"), "no ACL of its own");
    Trees.exec("setfacl", "-b", plain.toString()); // drop what it inherited in the source

    assertTrue(Runs.of(src(), dst()).run().clean());

    Path copied = dst().resolve("d/plain");
    assertFalse(acl(copied).contains("1234"), acl(copied));
    assertEquals(acl(plain), acl(copied));
  }

  @Test
  void trustedXattrsAreCopiedButNotLustresOwn() throws Exception {
    Path f = file(src().resolve("f"), "x");
    setXattr(f, "trusted.project", "atlas");
    setXattr(f, "trusted.lov", "not a layout of this filesystem");
    setXattr(f, "user.colour", "blue");
    setXattr(src(), "trusted.dirmark", "top");

    RunSummary s = Runs.of(src(), dst()).run();

    assertTrue(s.clean(), s.text());
    assertArrayEquals("atlas".getBytes(UTF_8), xattr(dst().resolve("f"), "trusted.project"));
    assertArrayEquals("blue".getBytes(UTF_8), xattr(dst().resolve("f"), "user.colour"));
    assertArrayEquals("top".getBytes(UTF_8), xattr(dst(), "trusted.dirmark"));
    assertFalse(xattrNames(dst().resolve("f")).contains("trusted.lov"));
  }

  @Test
  void noXattrsCopiesNeitherUserNorTrusted() throws Exception {
    Path f = file(src().resolve("f"), "x");
    setXattr(f, "trusted.project", "atlas");
    setXattr(f, "user.colour", "blue");
    Runs r = Runs.of(src(), dst());
    r.preserve.remove(Preserve.XATTRS);

    assertTrue(r.run().clean());

    List<String> names = xattrNames(dst().resolve("f"));
    assertFalse(names.contains("trusted.project") || names.contains("user.colour"), "" + names);
  }

  @Test
  void xattrsOfSymlinksAndFifosAreCopied() throws Exception {
    Files.createDirectories(src());
    Path link = Files.createSymbolicLink(src().resolve("link"), Path.of("elsewhere"));
    setXattr(link, "trusted.linkmark", "on the link itself");
    Trees.exec("mkfifo", src().resolve("pipe").toString());
    setXattr(src().resolve("pipe"), "trusted.pipemark", "p");

    RunSummary s = Runs.of(src(), dst()).run();

    assertTrue(s.clean(), s.text());
    assertArrayEquals(
        "on the link itself".getBytes(UTF_8), xattr(dst().resolve("link"), "trusted.linkmark"));
    assertArrayEquals("p".getBytes(UTF_8), xattr(dst().resolve("pipe"), "trusted.pipemark"));
  }

  @Test
  void aDirectorysRemovedXattrIsRemovedFromTheTargetOnTheNextRun() throws Exception {
    Path d = Files.createDirectories(src().resolve("d"));
    setXattr(d, "trusted.gone", "soon");
    assertTrue(Runs.of(src(), dst()).run().clean());
    assertTrue(xattrNames(dst().resolve("d")).contains("trusted.gone"));
    NativeFiles.removeXattr(d.toString().getBytes(UTF_8), "trusted.gone".getBytes(UTF_8));

    assertTrue(Runs.of(src(), dst()).run().clean());

    assertFalse(xattrNames(dst().resolve("d")).contains("trusted.gone"));
  }

  @Test
  void symlinkTimesAreExactToTheNanosecondAndASyncRerunLeavesThemAlone() throws Exception {
    Files.createDirectories(src());
    Path link = Files.createSymbolicLink(src().resolve("link"), Path.of("target"));
    long mtime = 1_600_000_000_123_456_789L;
    NativeFiles.setTimes(link.toString().getBytes(UTF_8), 1_500_000_000_000_000_007L, mtime);

    assertTrue(Runs.of(src(), dst(), Pass.COPY, Pass.DELETE, Pass.DIRTIMES).run().clean());

    Path copied = dst().resolve("link");
    assertEquals(mtime, stat(copied).mtimeNanos());
    assertEquals(1_500_000_000_000_000_007L, stat(copied).atimeNanos());
    Object ctime = Files.getAttribute(copied, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
    Thread.sleep(20); // a re-application would move ctime past this point

    RunSummary again = Runs.of(src(), dst(), Pass.COPY, Pass.DELETE, Pass.DIRTIMES).run();

    assertTrue(again.clean(), again.text());
    assertEquals(0, again.count(Counter.COPIED));
    assertEquals(ctime, Files.getAttribute(copied, "unix:ctime", LinkOption.NOFOLLOW_LINKS));
    RunSummary verify = Runs.of(src(), dst(), Pass.VERIFY).run();
    assertEquals(0, verify.count(Counter.DIFFERENT), verify.text());
  }
}
