package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** config/ferry.example.toml, with its settings uncommented, is valid TOML naming the real keys. */
class ExampleConfigTest {
  private static final Path EXAMPLE = Path.of("..", "config", "ferry.example.toml");

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

  // Only [ldm] and [schedule], uncommented; other sections belong to other commands.
  private static String schedulerSections() throws Exception {
    StringBuilder out = new StringBuilder();
    boolean mine = false;
    for (String line : Files.readAllLines(EXAMPLE)) {
      if (line.startsWith("[")) {
        mine = line.equals("[ldm]") || line.equals("[schedule]");
      }
      if (mine) {
        out.append(line.matches("# [a-z-]+ = .*") ? line.substring(2) : line).append('\n');
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
