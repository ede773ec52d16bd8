package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings that were not given as flags: the environment, then the config file. Precedence is
 * resolved here and nowhere else: flag &gt; environment variable &gt; config file &gt; default.
 */
final class Settings {
  private final Map<String, String> env;
  private final JsonNode config;
  private final String configName;

  private Settings(Map<String, String> env, JsonNode config, String configName) {
    this.env = env;
    this.config = config;
    this.configName = configName;
  }

  /**
   * Loads the config file from {@code explicit} (which must exist), else {@code $FERRY_CONFIG}
   * (which must exist), else {@code ./ferry.toml}, else {@code ~/.ferry/config.toml}, else none.
   */
  static Settings load(Path explicit, Map<String, String> env, Path cwd, Path home) {
    Path file = explicit;
    if (file == null && nonBlank(env.get("FERRY_CONFIG"))) {
      file = Path.of(env.get("FERRY_CONFIG"));
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw new UsageException("config file " + file + " does not exist or is not a file");
    }
    if (file == null) {
      file = firstExisting(cwd.resolve("ferry.toml"), home.resolve(".ferry/config.toml"));
    }
    if (file == null) {
      return new Settings(env, MissingNode.getInstance(), null);
    }
    try {
      return new Settings(env, new TomlMapper().readTree(file.toFile()), file.toString());
    } catch (IOException e) {
      throw new UsageException(
          "cannot read config file " + file + ": " + firstLine(e.getMessage()), e);
    }
  }

  /** Settings with no config file, for tests and for commands that need only the environment. */
  static Settings of(Map<String, String> env) {
    return new Settings(env, MissingNode.getInstance(), null);
  }

  /**
   * The flag if given, else the environment variable, else the config key (dotted, such as {@code
   * ldm.endpoint}), else nothing. A value that {@code parse} rejects with an {@link
   * IllegalArgumentException} becomes a {@link UsageException} naming where the value came from.
   */
  <T> Optional<T> resolve(T flag, String envVar, String configKey, Function<String, T> parse) {
    if (flag != null) {
      return Optional.of(flag);
    }
    if (envVar != null && nonBlank(env.get(envVar))) {
      return Optional.of(parse(env.get(envVar), envVar, parse));
    }
    JsonNode node = configNode(configKey);
    if (node.isValueNode()) {
      return Optional.of(parse(node.asText(), configName + ": " + configKey, parse));
    }
    if (!node.isMissingNode()) {
      throw new UsageException(configName + ": " + configKey + " must be a single value");
    }
    return Optional.empty();
  }

  /** Same as {@link #resolve} for plain strings. */
  Optional<String> string(String flag, String envVar, String configKey) {
    return resolve(flag, envVar, configKey, Function.identity());
  }

  /** The raw config subtree at a dotted key, or a missing node; for tables such as filesystems. */
  JsonNode configNode(String dottedKey) {
    JsonNode node = config;
    for (String part : dottedKey.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  /** Keys of the config file that ferry does not read (typos, most likely), dotted. */
  List<String> unknownKeys() {
    return ConfigKeys.unknown(config);
  }

  /** The config file these settings were read from, if any. */
  Optional<String> file() {
    return Optional.ofNullable(configName);
  }

  /** The environment variable, if set and not blank. */
  Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(Settings::nonBlank);
  }

  private static <T> T parse(String raw, String where, Function<String, T> parse) {
    try {
      return parse.apply(raw.strip());
    } catch (IllegalArgumentException e) {
      throw new UsageException(where + ": " + e.getMessage(), e);
    }
  }

  private static Path firstExisting(Path... candidates) {
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static boolean nonBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static String firstLine(String s) {
    return s == null ? "unknown error" : s.lines().findFirst().orElse(s);
  }
}
