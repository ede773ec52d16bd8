package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.lustre.LustreDiagnosis.Filesystem;
import dev.ferry.lustre.LustreDiagnosis.Line;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LustreDiagnosisTest {
  @TempDir Path dir;

  private List<Filesystem> filesystems() {
    return List.of(
        new Filesystem("panda", dir, LustreMode.ON),
        new Filesystem("badger", dir, LustreMode.AUTO),
        new Filesystem("gone", dir.resolve("gone"), LustreMode.AUTO));
  }

  @Test
  void reportsTheLibraryAndWhyEachFilesystemIsOrIsNotLustre() {
    Lustre fake = FakeLustreapi.library();
    List<Line> lines = LustreDiagnosis.check(fake, LustrePolicy.AUTO, filesystems());
    assertEquals(
        List.of(
            new Line(true, fake.describe()),
            new Line(true, "filesystem panda (" + dir + "): handled as Lustre (lustre = true)"),
            new Line(true, "filesystem badger (" + dir + "): plain POSIX (statfs)"),
            new Line(
                false,
                "filesystem gone ("
                    + dir.resolve("gone")
                    + "): cannot statfs "
                    + dir.resolve("gone")
                    + ": No such file or directory")),
        lines);
  }

  @Test
  void missingLibraryIsAProblemOnlyWhenSomethingIsLustre() {
    Lustre absent = Lustre.library(dir.resolve("none.so").toString());
    List<Filesystem> one = List.of(new Filesystem("badger", dir, LustreMode.AUTO));
    assertEquals(
        new Line(true, absent.describe()),
        LustreDiagnosis.check(absent, LustrePolicy.AUTO, one).get(0));
    List<Line> forced = LustreDiagnosis.check(absent, new LustrePolicy(LustreMode.ON), one);
    assertEquals(new Line(false, absent.describe()), forced.get(0));
    assertEquals(
        "filesystem badger (" + dir + "): handled as Lustre (FERRY_LUSTRE=force)",
        forced.get(1).text());
  }
}
