package dev.ferry.lustre;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KernelCopy#copyNew}: a small file created, copied and given its metadata in one call. */
class KernelCopyNewTest {
  private static final long ATIME = 1_600_000_000_123_456_789L;
  private static final long MTIME = 1_500_000_000_987_654_321L;
  @TempDir Path dir;
  private Path src;
  private Path dst;

  @BeforeEach
  void source() throws IOException {
    assertTrue(KernelCopy.available(), "the JNI library loads on this machine");
    src = dir.resolve("src");
    dst = dir.resolve("dst");
    Files.write(src, "some content\n".getBytes(UTF_8));
  }

  @Test
  void copiesAndSetsModeAndNanosecondTimes() throws IOException {
    assertTrue(copy(src, dst, 04751, -1, -1, true, true), "no xattr: metadata set");
    assertEquals(nanos(ATIME), Files.getAttribute(dst, "unix:lastAccessTime")); // before a read
    assertEquals(nanos(MTIME), Files.getLastModifiedTime(dst));
    assertEquals(04751, (int) Files.getAttribute(dst, "unix:mode") & 07777);
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
  }

  @Test
  void setsTheOwnerBeforeTheMode() throws IOException {
    int uid = (int) Files.getAttribute(src, "unix:uid");
    assertTrue(copy(src, dst, 02755, uid, 12345, false, true));
    assertEquals(12345, (int) Files.getAttribute(dst, "unix:gid"));
    // chown clears setgid; set after it, the mode keeps it.
    assertEquals(02755, (int) Files.getAttribute(dst, "unix:mode") & 07777);
  }

  @Test
  void leavesTheMetadataToTheCallerWhenTheSourceHasAnXattr() throws IOException {
    Files.getFileAttributeView(src, UserDefinedFileAttributeView.class)
        .write("ferry.test", UTF_8.encode("x"));
    assertFalse(copy(src, dst, 0644, -1, -1, true, true));
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
    assertEquals(0600, (int) Files.getAttribute(dst, "unix:mode") & 07777, "still as created");
    Files.delete(dst);
    assertTrue(copy(src, dst, 0644, -1, -1, true, false), "xattrs not copied: not looked at");
  }

  @Test
  void keepsHolesAndTheLengthOfAFileEndingInOne() throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
      f.setLength(0);
      f.seek(256 * 1024);
      f.write(new byte[] {1, 2, 3});
      f.setLength(768 * 1024);
    }
    assertTrue(copy(src, dst, 0644, -1, -1, false, true));
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst)); // the length too
    assertTrue(allocated(dst) <= 64 * 1024, "holes kept: " + allocated(dst) + " bytes allocated");
  }

  @Test
  void namesTheStepThatFailed() throws IOException {
    KernelCopy.CopyFailure missing =
        assertThrows(
            KernelCopy.CopyFailure.class,
            () -> copy(dir.resolve("gone"), dst, 0644, -1, -1, false, true));
    assertEquals(KernelCopy.Step.SOURCE, missing.step());
    assertEquals(2, missing.errno()); // ENOENT
    assertFalse(Files.exists(dst, LinkOption.NOFOLLOW_LINKS), "nothing created");

    Files.createSymbolicLink(dst, dir.resolve("elsewhere"));
    KernelCopy.CopyFailure planted =
        assertThrows(KernelCopy.CopyFailure.class, () -> copy(src, dst, 0644, -1, -1, false, true));
    assertEquals(KernelCopy.Step.TARGET, planted.step());
    assertEquals(17, planted.errno()); // EEXIST: never written through
    assertFalse(Files.exists(dir.resolve("elsewhere")));

    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, src);
    KernelCopy.CopyFailure followed =
        assertThrows(
            KernelCopy.CopyFailure.class,
            () -> copy(link, dir.resolve("other"), 0644, -1, -1, false, true));
    assertEquals(KernelCopy.Step.SOURCE, followed.step());
    assertEquals(40, followed.errno()); // ELOOP: a source link is never followed
  }

  private static boolean copy(
      Path from, Path to, int mode, int uid, int gid, boolean times, boolean xattrs)
      throws IOException {
    return KernelCopy.copyNew(
        from.toString().getBytes(UTF_8),
        to.toString().getBytes(UTF_8),
        Files.exists(from) ? Files.size(from) : 0,
        true,
        mode,
        uid,
        gid,
        times,
        ATIME,
        MTIME,
        xattrs);
  }

  private static long allocated(Path p) throws IOException {
    Process stat = new ProcessBuilder("stat", "-c", "%b", p.toString()).start();
    return Long.parseLong(new String(stat.getInputStream().readAllBytes(), UTF_8).strip()) * 512;
  }

  private static FileTime nanos(long epochNanos) {
    return FileTime.from(
        Instant.ofEpochSecond(epochNanos / 1_000_000_000L, epochNanos % 1_000_000_000L));
  }
}
