package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The keys of the config file ferry reads (config/ferry.example.toml documents each; a test keeps
 * this list, the sources and the example in step). Any other key is most likely a typo, such as
 * {@code wirte = true}, which would otherwise leave a setting at its default without a word.
 */
final class ConfigKeys {
  static final Set<String> KEYS =
      Set.of(
          "ldm.endpoint",
          "ldm.username",
          "ldm.password-file",
          "ldm.timeout",
          "ldm.cacert",
          "ldm.insecure",
          "schedule.howmany",
          "schedule.priority-list",
          "schedule.lock-file",
          "broker.uri",
          "broker.prefix",
          "broker.delivery_limit",
          "broker.patience",
          "mover.threads",
          "mover.chunk-threshold",
          "mover.chunk-size",
          "worker.threads",
          "lustre.mode",
          "lustre.library",
          "lustre.mdt_rr",
          "lustre.mdt_preserve",
          "metrics.port",
          "metrics.address",
          "metrics.linger");

  /** The keys of each {@code [filesystems.NAME]} table. */
  static final Set<String> FILESYSTEM_KEYS = Set.of("mount", "write", "require_mount", "lustre");

  private ConfigKeys() {}

  /** The dotted names of the keys in {@code config} that ferry does not read, in file order. */
  static List<String> unknown(JsonNode config) {
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, JsonNode> table : config.properties()) {
      String name = table.getKey();
      JsonNode value = table.getValue();
      if (name.equals("filesystems") && value.isObject()) {
        // A filesystem that is not a table is reported where the tables are read.
        value
            .properties()
            .forEach(
                fs ->
                    unknownIn(
                        fs.getValue(),
                        name + "." + fs.getKey(),
                        FILESYSTEM_KEYS::contains,
                        unknown));
      } else if (value.isObject()) {
        unknownIn(value, name, key -> KEYS.contains(name + "." + key), unknown);
      } else {
        unknown.add(name);
      }
    }
    return unknown;
  }

  private static void unknownIn(
      JsonNode table, String prefix, Predicate<String> known, List<String> out) {
    table
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!known.test(key)) {
                out.add(prefix + "." + key);
              }
            });
  }
}
