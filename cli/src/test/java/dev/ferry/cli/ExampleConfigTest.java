package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config/ferry.example.toml documents every key the code reads (found as {@code "section.key"}
 * literals in cli's sources), ferry accepts it as it is, and its scheduler sections, uncommented,
 * are valid TOML naming exactly the scheduler's keys.
 */
class ExampleConfigTest {
  private static final Path EXAMPLE = Path.of("../config/ferry.example.toml");
  private static final Pattern KEY =
      Pattern.compile("\"(ldm|schedule|broker|mover|worker|lustre|metrics)\\.([a-z_-]+)\"");
  private static final List<String> FILESYSTEM_KEYS =
      List.of("mount", "write", "require_mount", "lustre");

  private static Set<String> keysInSources() throws IOException {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = KEY.matcher(Files.readString(f));
        while (m.find()) {
          keys.add(m.group(1) + "." + m.group(2));
        }
      }
    }
    return keys;
  }

  /** The lines of one {@code [table]} of the example, commented-out keys included. */
  private static List<String> table(String text, String name) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("[")) {
        in = line.equals("[" + name + "]");
        continue;
      }
      if (in) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static boolean documents(List<String> table, String key) {
    Pattern p = Pattern.compile("^#? ?" + Pattern.quote(key) + " = .+");
    return table.stream().anyMatch(l -> p.matcher(l).matches());
  }

  @Test
  void everyKeyTheCodeReadsIsDocumented() throws IOException {
    String text = Files.readString(EXAMPLE);
    Set<String> keys = keysInSources();
    assertTrue(keys.size() > 20, "found " + keys);
    List<String> missing = new ArrayList<>();
    for (String key : keys) {
      int dot = key.indexOf('.');
      if (!documents(table(text, key.substring(0, dot)), key.substring(dot + 1))) {
        missing.add(key);
      }
    }
    List<String> filesystem = table(text, "filesystems.badger");
    for (String key : FILESYSTEM_KEYS) {
      if (!documents(filesystem, key)) {
        missing.add("filesystems.NAME." + key);
      }
    }
    assertEquals(List.of(), missing, "keys read by the code but not in " + EXAMPLE);
  }

  @Test
  void theKnownKeysAreTheKeysTheCodeReads() throws IOException {
    assertEquals(keysInSources(), new TreeSet<>(ConfigKeys.KEYS));
    assertEquals(Set.copyOf(FILESYSTEM_KEYS), ConfigKeys.FILESYSTEM_KEYS);
  }

  @Test
  void theExampleHasNoUnknownKeyEvenUncommented() throws Exception {
    StringBuilder uncommented = new StringBuilder();
    for (String line : Files.readAllLines(EXAMPLE)) {
      uncommented.append(uncommented(line)).append('\n');
    }
    JsonNode all = new TomlMapper().readTree(uncommented.toString());
    assertTrue(all.path("ldm").has("endpoint"), "the commented keys were read too");
    assertEquals(List.of(), ConfigKeys.unknown(all));
  }

  @Test
  void aMistypedKeyIsWarnedAboutByEveryCommandAndFailsTheDoctor(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("ferry.toml");
    Files.writeString(
        config,
        "[broker]\nprefx = \"other\"\n[filesystems.panda]\nmount = \""
            + dir
            + "\"\nwirte = true\nrequire_mount = false\n[colour]\nx = 1\n");
    Ran r = ferry("--config", config.toString(), "doctor");
    assertEquals(ExitCode.FAILED, r.code(), r.out() + "\n" + r.err());
    String unknown = "broker.prefx, filesystems.panda.wirte, colour.x";
    assertTrue(r.err().contains(config + ": ignoring unknown keys " + unknown), r.err());
    assertTrue(r.out().contains("unknown, so ignored: " + unknown), r.out());
    assertEquals(1, r.err().lines().filter(l -> l.contains("unknown keys")).count());
  }

  @Test
  void ferryAcceptsTheExampleAsItIs() {
    Ran r = ferry("--config", EXAMPLE.toString(), "doctor", "--graph");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertTrue(r.out().contains("fs_panda"), r.out());
    assertTrue(r.out().contains("fs_badger"), r.out());
  }

  @Test
  void ldmAndScheduleSectionsListEveryKeyTheSchedulerReads() throws Exception {
    JsonNode toml = new TomlMapper().readTree(schedulerSections());
    assertEquals(
        Set.of("endpoint", "username", "password-file", "timeout", "cacert", "insecure"),
        keys(toml.get("ldm")));
    assertEquals(Set.of("howmany", "priority-list", "lock-file"), keys(toml.get("schedule")));
    assertEquals("http://localhost:18080", toml.get("ldm").get("endpoint").asText());
    assertEquals(30, toml.get("ldm").get("timeout").asInt());
  }

  private record Ran(int code, String out, String err) {}

  private static Ran ferry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), Map.of(), args);
    return new Ran(code, out.toString(), err.toString());
  }

  /** A commented-out key ({@code # key = value}) as a key; any other line as it is. */
  private static String uncommented(String line) {
    return line.matches("# [a-z_-]+ = .*") ? line.substring(2) : line;
  }

  // Only [ldm] and [schedule], uncommented; other sections belong to other commands.
  private static String schedulerSections() throws Exception {
    StringBuilder out = new StringBuilder();
    boolean mine = false;
    for (String line : Files.readAllLines(EXAMPLE)) {
      if (line.startsWith("[")) {
        mine = line.equals("[ldm]") || line.equals("[schedule]");
      }
      if (mine) {
        out.append(uncommented(line)).append('\n');
      }
    }
    return out.toString();
  }

  private static Set<String> keys(JsonNode table) {
    Set<String> keys = new TreeSet<>();
    table.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
