package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class NativeLoaderTest {
  @Test
  void theLibrarysTemporaryCopyIsANewEmptyFileOnlyItsOwnerCanRead() throws Exception {
    Path a = NativeLoader.newPrivateFile();
    Path b = NativeLoader.newPrivateFile();
    try {
      assertNotEquals(a, b, "a new name each time");
      for (Path p : new Path[] {a, b}) {
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
        assertEquals(0, Files.size(p));
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")), p.getParent());
      }
    } finally {
      Files.deleteIfExists(a);
      Files.deleteIfExists(b);
    }
  }
}
