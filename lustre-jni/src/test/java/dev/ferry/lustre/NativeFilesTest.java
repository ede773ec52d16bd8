package dev.ferry.lustre;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The raw POSIX calls of the JNI library, on real files (the tests run as root). */
class NativeFilesTest {
  @TempDir Path tmp;

  private static byte[] b(Path p) {
    return p.toString().getBytes(UTF_8);
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void theLibraryLoads() {
    assertTrue(NativeFiles.available(), NativeFiles.unavailableReason().orElse(""));
  }

  @Test
  void xattrsOfEveryNamespaceAreListedReadWrittenAndRemoved() throws Exception {
    Path f = Files.writeString(tmp.resolve("f"), "x");
    NativeFiles.setXattr(b(f), b("user.colour"), new byte[] {0, 1, (byte) 0xff});
    NativeFiles.setXattr(b(f), b("trusted.owner"), b("alice"));

    List<String> names =
        NativeFiles.listXattrs(b(f)).stream().map(n -> new String(n, UTF_8)).toList();
    assertTrue(names.containsAll(List.of("user.colour", "trusted.owner")), names.toString());
    assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, NativeFiles.getXattr(b(f), b("user.colour")));

    NativeFiles.removeXattr(b(f), b("user.colour"));
    PosixCallException gone =
        assertThrows(PosixCallException.class, () -> NativeFiles.getXattr(b(f), b("user.colour")));
    assertEquals(PosixCallException.ENODATA, gone.errno());
    assertTrue(gone.getMessage().startsWith("lgetxattr " + f), gone.getMessage());
  }

  @Test
  void xattrsOfASymlinkAreItsOwnNotItsTargets() throws Exception {
    Path target = Files.writeString(tmp.resolve("target"), "x");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
    NativeFiles.setXattr(b(link), b("trusted.mark"), b("on the link"));

    assertArrayEquals(b("on the link"), NativeFiles.getXattr(b(link), b("trusted.mark")));
    assertFalse(
        NativeFiles.listXattrs(b(target)).stream()
            .anyMatch(n -> new String(n, UTF_8).equals("trusted.mark")));
    // Linux refuses user.* on symlinks.
    PosixCallException refused =
        assertThrows(
            PosixCallException.class, () -> NativeFiles.setXattr(b(link), b("user.x"), b("y")));
    assertEquals(PosixCallException.EPERM, refused.errno());
  }

  @Test
  void symlinkTimesAreSetToTheNanosecondWithoutFollowing() throws Exception {
    Path target = Files.writeString(tmp.resolve("target"), "x");
    FileTime targetBefore = Files.getLastModifiedTime(target);
    Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
    long mtime = 1_600_000_000_123_456_789L;
    long atime = 1_500_000_000_987_654_321L;

    NativeFiles.setTimes(b(link), atime, mtime);

    FileTime m = Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS);
    FileTime a = (FileTime) Files.getAttribute(link, "lastAccessTime", LinkOption.NOFOLLOW_LINKS);
    assertEquals(mtime, m.to(TimeUnit.NANOSECONDS));
    assertEquals(atime, a.to(TimeUnit.NANOSECONDS));
    assertEquals(targetBefore, Files.getLastModifiedTime(target));
  }

  @Test
  void mknodMakesFifosAndDevices() throws Exception {
    Path fifo = tmp.resolve("fifo");
    Path dev = tmp.resolve("null");
    NativeFiles.mknod(b(fifo), 0010000 | 0600, 0);
    NativeFiles.mknod(b(dev), 0020000 | 0600, (1L << 8) | 3); // 1:3, like /dev/null

    assertEquals(0010000, (int) Files.getAttribute(fifo, "unix:mode") & 0170000);
    assertEquals(0010600, (int) Files.getAttribute(fifo, "unix:mode") & ~0022);
    assertEquals(0020000, (int) Files.getAttribute(dev, "unix:mode") & 0170000);
    assertEquals((1L << 8) | 3, (long) Files.getAttribute(dev, "unix:rdev"));
    PosixCallException exists =
        assertThrows(PosixCallException.class, () -> NativeFiles.mknod(b(fifo), 0010600, 0));
    assertEquals(17, exists.errno());
  }

  @Test
  void syncFilesystemFlushesADirectorysFilesystemAndRefusesAnythingElse() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("target"));
    Files.writeString(dir.resolve("f"), "dirty");
    NativeFiles.syncFilesystem(b(dir));

    Path file = dir.resolve("f");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
    assertEquals(20, errno(() -> NativeFiles.syncFilesystem(b(file)))); // ENOTDIR
    assertEquals(20, errno(() -> NativeFiles.syncFilesystem(b(link)))); // not followed: ENOTDIR
    assertEquals(2, errno(() -> NativeFiles.syncFilesystem(b(tmp.resolve("gone"))))); // ENOENT
  }

  private static int errno(Executable call) {
    return assertThrows(PosixCallException.class, call).errno();
  }
}
