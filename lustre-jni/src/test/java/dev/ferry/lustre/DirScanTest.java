package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirScanTest {
  private static final int ENOENT = 2;
  private static final int ENOTDIR = 20;
  private static final int EINVAL = 22;

  @TempDir Path dir;

  @BeforeEach
  void libraryLoads() {
    assertTrue(DirScan.available(), "the JNI library loads on this machine");
  }

  @Test
  void listsEveryKindOfEntryWithTheStatJavaSeesAndNeverFollowsALink() throws Exception {
    Path notUtf8 = Path.of(URI.create(dir.toUri() + "bad%FFname")); // raw byte 0xff
    Files.writeString(notUtf8, "x");
    Files.writeString(dir.resolve("new\nline"), "two\nlines");
    Files.writeString(dir.resolve("plain"), "plain");
    Files.createDirectory(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("link-to-dir"), dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
    new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor();
    Files.setLastModifiedTime(
        dir.resolve("plain"), FileTime.from(1_234_567_891L, TimeUnit.NANOSECONDS));

    Map<String, long[]> listed = listAll(dir);

    Set<String> expected = new HashSet<>();
    try (var names = Files.newDirectoryStream(dir)) {
      for (Path p : names) {
        expected.add(hex(rawName(p)));
      }
    }
    assertEquals(expected, listed.keySet(), "the same names, byte for byte, as Java lists");
    assertEquals(7, listed.size());
    try (var names = Files.newDirectoryStream(dir)) {
      for (Path p : names) {
        assertSameStat(p, listed.get(hex(rawName(p))));
      }
    }
  }

  @Test
  void entriesAcrossSeveralCallsAreEachListedOnce() throws Exception {
    for (int i = 0; i < 3 * DirScan.BATCH + 7; i++) {
      Files.createFile(dir.resolve("f" + i));
    }
    assertEquals(3 * DirScan.BATCH + 7, listAll(dir).size());
  }

  @Test
  void anEntryThatVanishesAfterTheListingCarriesEnoent() throws Exception {
    int files = 2 * DirScan.BATCH;
    for (int i = 0; i < files; i++) {
      Files.createFile(dir.resolve("f" + i));
    }
    List<Long> errnos = new ArrayList<>();
    try (DirScan scan = DirScan.open(bytes(dir))) {
      int n = scan.next();
      assertTrue(n > 0);
      // The rest were read from the kernel with the first batch, but not yet stat'ed.
      for (int i = 0; i < files; i++) {
        Files.deleteIfExists(dir.resolve("f" + i));
      }
      for (n = scan.next(); n > 0; n = scan.next()) {
        for (int i = 0; i < n; i++) {
          errnos.add(scan.stat(i, DirScan.F_ERRNO));
          assertEquals(0, scan.stat(i, DirScan.F_MODE), "no stat fields for a vanished entry");
        }
      }
    }
    assertTrue(!errnos.isEmpty(), "entries were still listed after the deletion");
    assertTrue(errnos.stream().allMatch(e -> e == ENOENT), errnos.toString());
  }

  @Test
  void aSymlinkOrAFileIsNotOpenedAsADirectory() throws Exception {
    Files.createDirectory(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("sub"));
    Files.createFile(dir.resolve("file"));
    assertEquals(ENOTDIR, errnoOfOpen(dir.resolve("link")), "O_NOFOLLOW|O_DIRECTORY");
    assertEquals(ENOTDIR, errnoOfOpen(dir.resolve("file")));
    assertEquals(ENOENT, errnoOfOpen(dir.resolve("missing")));
  }

  @Test
  void statAtLooksOnlyAtSingleNamesOfThisDirectory() throws Exception {
    Files.createDirectory(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/inner"), "abc");
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("sub"));
    long[] f = new long[DirScan.FIELDS];
    try (DirScan scan = DirScan.open(bytes(dir))) {
      scan.statAt(ascii("link"), f);
      assertEquals(0, f[DirScan.F_ERRNO]);
      assertSameStat(dir.resolve("link"), f);
      scan.statAt(ascii("missing"), f);
      assertEquals(ENOENT, f[DirScan.F_ERRNO]);
      for (String bad : List.of("sub/inner", "link/inner", "..", ".", "", "a\0b")) {
        scan.statAt(ascii(bad), f);
        assertEquals(EINVAL, f[DirScan.F_ERRNO], "refused: " + bad);
      }
    }
  }

  @Test
  void aClosedScanCannotBeUsedAndClosesOnce() throws Exception {
    DirScan scan = DirScan.open(bytes(dir));
    scan.close();
    scan.close();
    assertThrows(IllegalStateException.class, scan::next);
    assertThrows(
        IllegalStateException.class, () -> scan.statAt(ascii("x"), new long[DirScan.FIELDS]));
  }

  private static Map<String, long[]> listAll(Path dir) throws IOException {
    Map<String, long[]> out = new HashMap<>();
    try (DirScan scan = DirScan.open(bytes(dir))) {
      for (int n = scan.next(); n > 0; n = scan.next()) {
        for (int i = 0; i < n; i++) {
          long[] f = new long[DirScan.FIELDS];
          for (int k = 0; k < DirScan.FIELDS; k++) {
            f[k] = scan.stat(i, k);
          }
          assertTrue(out.put(hex(scan.name(i)), f) == null, "listed twice");
        }
      }
    }
    return out;
  }

  private static void assertSameStat(Path p, long[] f) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(
            p,
            "unix:mode,size,lastModifiedTime,lastAccessTime,uid,gid,dev,ino,nlink,rdev,ctime",
            LinkOption.NOFOLLOW_LINKS);
    String what = p.getFileName().toString();
    assertEquals(0, f[DirScan.F_ERRNO], what);
    assertEquals((long) (int) a.get("mode"), f[DirScan.F_MODE], what);
    assertEquals((long) a.get("size"), f[DirScan.F_SIZE], what);
    assertEquals(
        ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
        f[DirScan.F_MTIME_NS],
        what);
    assertEquals((long) (int) a.get("uid"), f[DirScan.F_UID], what);
    assertEquals((long) (int) a.get("gid"), f[DirScan.F_GID], what);
    assertEquals((long) a.get("dev"), f[DirScan.F_DEV], what);
    assertEquals((long) a.get("ino"), f[DirScan.F_INO], what);
    assertEquals((long) (int) a.get("nlink"), f[DirScan.F_NLINK], what);
    assertEquals((long) a.get("rdev"), f[DirScan.F_RDEV], what);
    assertEquals(((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS), f[DirScan.F_CTIME_NS], what);
  }

  @Test
  void givesTheStatusChangeTimeWhichSettingTimesCannotMoveBack() throws Exception {
    Path f = dir.resolve("f");
    Files.writeString(f, "x");
    long before = System.currentTimeMillis() / 1000 - 1;
    Files.setLastModifiedTime(f, FileTime.from(1_234_567_891L, TimeUnit.NANOSECONDS));
    Files.setAttribute(f, "lastAccessTime", FileTime.from(5L, TimeUnit.NANOSECONDS));

    long[] listed = listAll(dir).get(hex(rawName(f)));
    long[] at = new long[DirScan.FIELDS];
    try (DirScan scan = DirScan.open(bytes(dir))) {
      scan.statAt("f".getBytes(StandardCharsets.US_ASCII), at);
    }

    assertSameStat(f, listed);
    assertSameStat(f, at);
    // ctime, not a copy of mtime or atime: the kernel set it to now when the times were set.
    assertTrue(
        listed[DirScan.F_CTIME_NS] / 1_000_000_000L >= before,
        "ctime " + listed[DirScan.F_CTIME_NS]);
    assertEquals(1_234_567_891L, listed[DirScan.F_MTIME_NS]);
  }

  private static int errnoOfOpen(Path p) {
    return assertThrows(PosixCallException.class, () -> DirScan.open(bytes(p))).errno();
  }

  /** The raw bytes of a path's last name, through its URI (exact for any byte). */
  private static byte[] rawName(Path p) {
    String raw = p.toUri().getRawPath();
    String name = raw.substring(raw.lastIndexOf('/', raw.length() - 2) + 1);
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static byte[] bytes(Path p) {
    return p.toString().getBytes(StandardCharsets.UTF_8); // the temp dir's path is ASCII
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }

  @Test
  void namesComeBackAsTheirRawBytes() throws Exception {
    Path odd = Path.of(URI.create(dir.toUri() + "caf%C3%A9%0Aend%FE"));
    Files.createFile(odd);
    try (DirScan scan = DirScan.open(bytes(dir))) {
      assertEquals(1, scan.next());
      assertArrayEquals(
          new byte[] {'c', 'a', 'f', (byte) 0xc3, (byte) 0xa9, '\n', 'e', 'n', 'd', (byte) 0xfe},
          scan.name(0));
      assertEquals(0, scan.next());
    }
  }
}
