package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File names are byte strings: names that are not UTF-8 and names with newlines round-trip through
 * copy, sync (with delete) and verify, also in cron's environment where there is no locale and Java
 * falls back to ASCII.
 */
class MoverNamesTest {
  /** Escapes as printf's %b reads them; each is a file name (the last ones are directories). */
  private static final List<String> FILES =
      List.of(
          "latin1-caf\\351", // ISO-8859-1 e-acute: not UTF-8
          "bad-\\377\\376-bytes",
          "line\\nbreak",
          "trailing-newline\\n",
          "tab\\tand space",
          "back\\\\slash and \\\"quotes\\\"",
          "utf8-\\303\\251t\\303\\251-\\346\\227\\245\\346\\234\\254",
          "-starts-with-dash",
          "?*[glob]");

  @TempDir Path tmp;

  @ParameterizedTest(name = "LANG={0}")
  @ValueSource(strings = {"user", "cron (C locale)"})
  void namesThatAreNotUtf8OrHoldNewlinesRoundTrip(String which) throws Exception {
    Map<String, String> env = which.equals("user") ? MoverCli.userEnv() : MoverCli.cronEnv();
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    buildTree(src);
    byte[] names = MoverTrees.rawListing(src);
    assertTrue(contains(names, new byte[] {'b', 'a', 'd', '-', (byte) 0xff, (byte) 0xfe}));
    assertTrue(contains(names, "line\nbreak".getBytes(StandardCharsets.US_ASCII)));

    MoverCli.Outcome copy = MoverCli.run(env, List.of("copy", src.toString(), dst.toString()));

    assertEquals(0, copy.exit(), copy.describe());
    assertArrayEquals(names, MoverTrees.rawListing(dst), "names changed on the way");
    List<String> diff =
        TreeSnapshot.of(src).withoutDirTimes().differences(TreeSnapshot.of(dst).withoutDirTimes());
    assertTrue(diff.isEmpty(), String.join("\n", diff));
    MoverCli.Outcome verify = MoverCli.run(env, List.of("verify", src.toString(), dst.toString()));
    assertEquals(0, verify.exit(), verify.describe());
  }

  @ParameterizedTest(name = "LANG={0}")
  @ValueSource(strings = {"user", "cron (C locale)"})
  void syncDeletesAndUpdatesByteStringNames(String which) throws Exception {
    Map<String, String> env = which.equals("user") ? MoverCli.userEnv() : MoverCli.cronEnv();
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    buildTree(src);
    MoverCli.Outcome copy = MoverCli.run(env, List.of("copy", src.toString(), dst.toString()));
    assertEquals(0, copy.exit(), copy.describe());
    // Users remove one odd name and rewrite another; the final sync must follow exactly.
    MoverTrees.sh("cd \"$1\" && rm -- \"$(printf 'bad-\\377\\376-bytes')\"", src.toString());
    MoverTrees.byteName(src, "dir-\\377/line\\nbreak", "rewritten, longer now", false);

    MoverCli.Outcome sync = MoverCli.run(env, List.of("sync", src.toString(), dst.toString()));

    assertEquals(0, sync.exit(), sync.describe());
    assertArrayEquals(MoverTrees.rawListing(src), MoverTrees.rawListing(dst));
    List<String> diff = TreeSnapshot.of(src).differences(TreeSnapshot.of(dst));
    assertTrue(diff.isEmpty(), String.join("\n", diff));
  }

  @Test
  void rootsWithNonAsciiNamesWorkFromCron() throws Exception {
    Path src = tmp.resolve("données-été");
    Path dst = tmp.resolve("copie-日本");
    MoverTrees.randomFile(src.resolve("a.txt"), 100, 1, Instant.parse("2022-02-02T00:00:00Z"));

    MoverCli.Outcome copy =
        MoverCli.run(MoverCli.cronEnv(), List.of("copy", src.toString(), dst.toString()));

    assertEquals(0, copy.exit(), copy.describe());
    assertEquals(
        TreeSnapshot.digest(src.resolve("a.txt")), TreeSnapshot.digest(dst.resolve("a.txt")));
  }

  @Test
  void withoutCUtf8TheLauncherKeepsTheLocaleSilently() throws Exception {
    // A system without C.UTF-8: this `locale` reports ASCII whatever the environment says.
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path locale = bin.resolve("locale");
    Files.writeString(locale, "#!/bin/sh\necho ANSI_X3.4-1968\n");
    Files.setAttribute(locale, "unix:mode", 0755);
    Path src = tmp.resolve("plain-src");
    MoverTrees.randomFile(src.resolve("a.txt"), 100, 2, Instant.parse("2022-02-02T00:00:00Z"));
    Map<String, String> env = new HashMap<>(MoverCli.cronEnv());
    env.put("PATH", bin + ":/usr/bin:/bin");

    MoverCli.Outcome copy =
        MoverCli.run(env, List.of("copy", src.toString(), tmp.resolve("plain-dst").toString()));

    assertEquals(0, copy.exit(), copy.describe());
    assertTrue(
        copy.stderrLines().stream().noneMatch(l -> l.contains("locale") || l.contains("LC_")),
        copy.describe());
    assertEquals(
        TreeSnapshot.digest(src.resolve("a.txt")),
        TreeSnapshot.digest(tmp.resolve("plain-dst/a.txt")));
  }

  /** Every odd name as a file at the top, and again inside a directory whose name is not UTF-8. */
  private static void buildTree(Path src) throws Exception {
    Files.createDirectories(src);
    for (String name : FILES) {
      MoverTrees.byteName(src, name, "content of " + name, false);
    }
    MoverTrees.byteName(src, "dir-\\377", "", true);
    MoverTrees.byteName(src, "dir-with\\nnewline", "", true);
    for (String name : FILES) {
      MoverTrees.byteName(src, "dir-\\377/" + name, "inner " + name, false);
      MoverTrees.byteName(src, "dir-with\\nnewline/" + name, "inner2 " + name, false);
    }
    MoverTrees.stampTimes(src, 1_600_000_000L);
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
