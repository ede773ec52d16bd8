package dev.ferry.mover.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatReaderTest {
  @TempDir Path dir;

  @Test
  void theDirectFieldsAndTheAttributeMapGiveTheSameStatCtimeIncluded() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "x");
    Files.setLastModifiedTime(f, FileTime.from(1_234_567_891L, TimeUnit.NANOSECONDS));
    Path link = Files.createSymbolicLink(dir.resolve("link"), f);

    for (Path p : new Path[] {f, link, dir}) {
      EntryStat direct = StatReader.lstat(p);
      assertEquals(StatReader.slow(p), direct, p.toString());
      FileTime ctime = (FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
      assertEquals(ctime.to(TimeUnit.NANOSECONDS), direct.ctimeNanos(), p.toString());
    }
    // ctime, not a copy of mtime: setting the mtime into the past moved the ctime to now.
    assertTrue(StatReader.lstat(f).ctimeNanos() > StatReader.lstat(f).mtimeNanos());
    assertTrue(StatReader.direct(), "the test JVM opens java.base/sun.nio.fs, as the jar does");
  }
}
