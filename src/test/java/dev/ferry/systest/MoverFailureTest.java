package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source file that cannot be read is reported by its path and counted, the run goes on with
 * everything else and exits 1, and the failed file never looks copied.
 *
 * <p>The tests run as root, which reads any file whatever its mode, and chattr has no "unreadable"
 * attribute. So the unreadable file is made the way a failing disk or a stale NFS handle looks to a
 * program: an LD_PRELOAD library, compiled here, makes every read-only open of a name containing
 * {@code FERRY-EIO} fail with EIO. The file lists and stats normally; only its content is out of
 * reach, exactly as with a bad block.
 */
class MoverFailureTest {
  private static final String SHIM =
      """
      #define _GNU_SOURCE
      #include <dlfcn.h>
      #include <errno.h>
      #include <fcntl.h>
      #include <stdarg.h>
      #include <string.h>

      static int poisoned(const char *path, int flags) {
        return path && strstr(path, "FERRY-EIO") && (flags & O_ACCMODE) == O_RDONLY
            && !(flags & O_DIRECTORY);
      }

      #define WRAP(name, ...)                                                   \\
        int name(__VA_ARGS__, int flags, ...) {                                 \\
          static int (*real)();                                                 \\
          if (!real) real = dlsym(RTLD_NEXT, #name);                            \\
          va_list ap; va_start(ap, flags); int mode = va_arg(ap, int); va_end(ap); \\
          if (poisoned(path, flags)) { errno = EIO; return -1; }                \\
          return CALL;                                                          \\
        }
      #define CALL real(path, flags, mode)
      WRAP(open, const char *path)
      WRAP(open64, const char *path)
      #undef CALL
      #define CALL real(dirfd, path, flags, mode)
      WRAP(openat, int dirfd, const char *path)
      WRAP(openat64, int dirfd, const char *path)
      """;

  @TempDir static Path lib;
  private static Path shim;

  @TempDir Path tmp;

  @BeforeAll
  static void compileShim() throws Exception {
    Path c = Files.writeString(lib.resolve("eio.c"), SHIM);
    shim = lib.resolve("libferry-eio.so");
    MoverTrees.sh("cc -shared -fPIC -O1 -o \"$2\" \"$1\" -ldl", c.toString(), shim.toString());
    Path probe = Files.writeString(lib.resolve("FERRY-EIO-probe"), "x");
    MoverCli.Outcome cat =
        MoverCli.runCommand(withShim(MoverCli.userEnv()), List.of("cat", probe.toString()));
    assertTrue(cat.exit() != 0 && cat.stderr().contains("Input/output error"), cat.describe());
  }

  @Test
  void anUnreadableFileIsReportedByPathAndTheRestIsCopied() throws Exception {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Instant t = Instant.parse("2022-03-03T03:03:03Z");
    for (int i = 0; i < 20; i++) {
      MoverTrees.randomFile(src.resolve("d" + (i % 3) + "/ok-" + i + ".bin"), 5000 + i, i, t);
    }
    Path bad = MoverTrees.randomFile(src.resolve("d1/FERRY-EIO-bad-block.bin"), 9000, 99, t);
    Map<String, String> env = withShim(MoverCli.userEnv());

    MoverCli.Outcome first = MoverCli.run(env, List.of("copy", src.toString(), dst.toString()));

    assertEquals(1, first.exit(), first.describe());
    assertTrue(
        (first.stdout() + first.stderr()).contains("d1/FERRY-EIO-bad-block.bin"),
        "the failed file is not named: " + first.describe());
    Path badCopy = dst.resolve("d1/FERRY-EIO-bad-block.bin");
    assertFalse(
        Files.exists(badCopy, LinkOption.NOFOLLOW_LINKS)
            && Files.size(badCopy) == Files.size(bad)
            && Files.getLastModifiedTime(badCopy).equals(Files.getLastModifiedTime(bad)),
        "the file that could not be read looks copied");
    Files.delete(bad);
    List<String> diff =
        TreeSnapshot.of(src).withoutDirTimes().differences(TreeSnapshot.of(dst).withoutDirTimes());
    assertTrue(
        diff.stream().allMatch(d -> d.contains("FERRY-EIO")),
        "the other files were not all copied:\n" + String.join("\n", diff));

    MoverCli.Outcome again = MoverCli.run(env, List.of("copy", src.toString(), dst.toString()));
    assertEquals(0, again.exit(), "with the bad file gone: " + again.describe());
  }

  private static Map<String, String> withShim(Map<String, String> env) {
    env.put("LD_PRELOAD", shim.toString());
    return env;
  }
}
