package dev.ferry.mover.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawPathsTest {
  @TempDir Path tmp;

  private static final byte[] NAME = {'x', (byte) 0xfe, '\n', 'y'};

  @Test
  void directRouteIsOpenedInTests() {
    assertTrue(RawPaths.direct(), "surefire passes --add-opens java.base/sun.nio.fs");
  }

  @Test
  void bytesOfAListedNameAreTheBytesOnDisk() throws Exception {
    Path made = tmp.resolve(RawPaths.path(NAME));
    Files.createFile(made);
    try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp)) {
      Path listed = s.iterator().next();
      assertArrayEquals(NAME, RawPaths.bytes(listed.getFileName()));
      assertArrayEquals(NAME, RawPaths.viaUri(listed.getFileName()));
    }
  }

  @Test
  void uriRouteRoundTripsRelativeAndAbsolutePaths() throws Exception {
    byte[] rel = {'d', '/', (byte) 0x80, '%', ' ', 'z'};
    Path p = RawPaths.fromUri(rel);
    assertArrayEquals(rel, RawPaths.viaUri(p));
    assertEquals(RawPaths.path(rel), p);
    Path dir = tmp.resolve(RawPaths.path(NAME));
    Files.createDirectory(dir);
    assertArrayEquals(RawPaths.bytes(dir), RawPaths.viaUri(dir), "no trailing slash for a dir");
    assertEquals(dir, RawPaths.fromUri(RawPaths.bytes(dir)));
  }
}
