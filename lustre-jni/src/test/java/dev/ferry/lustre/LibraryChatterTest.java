package dev.ferry.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * liblustreapi prints its own errors on stderr (the fake does too, unless told not to). They must
 * not reach ferry's users: ferry reports each error once, its own way. The library writes to file
 * descriptor 2 directly, so this runs a separate JVM and reads its stderr.
 */
class LibraryChatterTest {
  @TempDir Path dir;

  /** Makes the library fail twice, then prints what ferry made of it. */
  public static void main(String[] args) {
    Lustre lustre = FakeLustreapi.library();
    Path d = Path.of(args[0]);
    try {
      lustre.createDirectory(d.resolve("x"), 0755, 9);
    } catch (LustreException e) {
      System.out.println(e.getMessage());
    }
    try {
      lustre.createFile(d.resolve("y"), FileLayout.composite(poolComponent()), 0600);
    } catch (LustreException e) {
      System.out.println(e.getMessage());
    }
  }

  private static LayoutComponent poolComponent() {
    return new LayoutComponent(0, LayoutComponent.EOF, 1, 1 << 20, 0, "nosuch", 0);
  }

  @Test
  void libraryMessagesAreSilencedAndErrorsReportedOnce() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LibraryChatterTest.class.getName(),
                dir.toString())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    assertEquals("", err);
    assertEquals(
        List.of(
            "cannot create directory " + dir.resolve("x") + " on MDT 9: Invalid argument",
            "cannot create "
                + dir.resolve("y")
                + " with layout composite [0, EOF) count 1 size 1M pool nosuch: Invalid argument"),
        out.lines().toList());
  }
}
