package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.lustre.LustreCreators;
import dev.ferry.mover.lustre.LustreOptions;
import dev.ferry.mover.lustre.MdtPlacement;
import dev.ferry.mover.task.EntryStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged binary carries its JNI library and runs where there is no C compiler and no Lustre:
 * a JVM whose PATH holds only {@code java} and whose class path is the ferry binary (plus this
 * probe) loads the library from inside the jar, and dlopen()s liblustreapi or reports its absence
 * in one line.
 */
class LustreBinaryTest {
  @TempDir Path dir;

  /** Runs in the child JVM: a Lustre-forced copy of one file through the mover's seam. */
  public static void main(String[] args) throws IOException {
    Path src = Path.of(args[0]);
    Path dst = Path.of(args[1]);
    Lustre lustre = Lustre.forEnvironment(System.getenv());
    System.out.println(lustre.describe());
    System.out.println("statfs says Lustre: " + Lustre.isLustre(src));
    if (lustre.available()) {
      lustre.createFile(src.resolve("f"), FileLayout.plain(6, 2 << 20), 0644);
    } else {
      Files.createFile(src.resolve("f"));
    }
    LustreOptions forced =
        new LustreOptions(
            new LustrePolicy(LustreMode.ON),
            LustreMode.AUTO,
            LustreMode.AUTO,
            MdtPlacement.NONE,
            Optional.ofNullable(System.getenv(Lustre.LIBRARY_ENV)));
    List<String> warnings = new ArrayList<>();
    TargetCreator creator = LustreCreators.forCopy(forced, src, dst, warnings::add);
    Path source = src.resolve("f");
    creator.createFile(dst.resolve("f"), source, EntryStat.lstat(source)).close();
    warnings.forEach(w -> System.out.println("warning: " + w));
    if (lustre.available()) {
      System.out.println("target layout: " + lustre.layout(dst.resolve("f")).describe());
    }
  }

  private List<String> runProbe(Map<String, String> extraEnv) throws Exception {
    Path binary = Path.of(System.getProperty("ferry.binary"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.createSymbolicLink(bin.resolve("java"), java);
    Path src = Files.createDirectories(dir.resolve("src"));
    Path dst = Files.createDirectories(dir.resolve("dst"));
    Path probe =
        Path.of(LustreBinaryTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ProcessBuilder pb =
        new ProcessBuilder(
            "java",
            "-cp",
            binary + ":" + probe,
            LustreBinaryTest.class.getName(),
            src.toString(),
            dst.toString());
    pb.environment().clear();
    pb.environment().put("PATH", bin.toString());
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out + err);
    assertEquals("", err, "nothing on stderr, not even the library's own messages");
    return out.lines().toList();
  }

  static Path fakeLibrary() {
    Path fake =
        Path.of(System.getProperty("basedir", "."))
            .resolve("../../lustre-jni/target/fake-lustreapi/liblustreapi.so.1")
            .normalize();
    assertTrue(
        Files.exists(fake), "build lustre-jni (its test phase builds the fake) first: " + fake);
    return fake;
  }

  @Test
  void withoutLustreTheBinaryCopiesPlainAndSaysSoOnce() throws Exception {
    List<String> out = runProbe(Map.of());
    assertTrue(
        out.get(0).startsWith("liblustreapi not available (liblustreapi.so.1: "), out.get(0));
    assertEquals("statfs says Lustre: false", out.get(1));
    assertEquals(List.of("warning: " + out.get(0)), out.subList(2, out.size()));
    assertTrue(Files.isRegularFile(dir.resolve("dst/f")));
  }

  @Test
  void withTheLibraryTheBinaryPreservesTheLayout() throws Exception {
    Path fake = fakeLibrary();
    List<String> out = runProbe(Map.of(Lustre.LIBRARY_ENV, fake.toString()));
    assertEquals(
        List.of(
            "liblustreapi loaded from " + fake,
            "statfs says Lustre: false",
            "target layout: [0, EOF) count 6 size 2M"),
        out);
  }
}
