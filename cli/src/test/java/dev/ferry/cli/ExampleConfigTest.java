package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** config/ferry.example.toml, with its settings uncommented, is valid TOML naming the real keys. */
class ExampleConfigTest {
  private static final Path EXAMPLE = Path.of("..", "config", "ferry.example.toml");

  @Test
  void ldmAndScheduleSectionsListEveryKeyTheSchedulerReads() throws Exception {
    String uncommented =
        Files.readAllLines(EXAMPLE).stream()
            .map(line -> line.matches("# [a-z-]+ = .*") ? line.substring(2) : line)
            .collect(Collectors.joining("\n"));
    JsonNode toml = new TomlMapper().readTree(uncommented);
    assertEquals(
        Set.of("endpoint", "username", "password-file", "timeout", "cacert", "insecure"),
        keys(toml.get("ldm")));
    assertEquals(Set.of("howmany", "priority-list", "lock-file"), keys(toml.get("schedule")));
    assertEquals("http://localhost:18080", toml.get("ldm").get("endpoint").asText());
    assertEquals(30, toml.get("ldm").get("timeout").asInt());
  }

  private static Set<String> keys(JsonNode table) {
    Set<String> keys = new TreeSet<>();
    table.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
