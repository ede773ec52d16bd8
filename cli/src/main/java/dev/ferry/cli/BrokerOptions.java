package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.mover.amqp.BrokerSettings;
import dev.ferry.mover.amqp.NamedFilesystems;
import dev.ferry.mover.amqp.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The broker options every distributed command shares. The URI comes from {@code --broker}, else
 * {@code FERRY_BROKER}, else {@code [broker] uri}; without any, commands that can run embedded do.
 */
final class BrokerOptions {
  @Option(
      names = "--broker",
      paramLabel = "URI",
      description =
          "RabbitMQ broker (amqp://user:pass@host:5672/vhost). Default: $FERRY_BROKER, "
              + "[broker] uri in the config file.")
  String uri;

  /** The broker settings, if a broker is configured anywhere. */
  Optional<BrokerSettings> settings(Settings settings) {
    Optional<String> resolved = settings.string(uri, "FERRY_BROKER", "broker.uri");
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    String prefix = settings.string(null, "FERRY_BROKER_PREFIX", "broker.prefix").orElse("ferry");
    int limit =
        settings
            .resolve(null, null, "broker.delivery_limit", Integer::parseInt)
            .orElse(Topology.DEFAULT_DELIVERY_LIMIT);
    int patience =
        settings
            .resolve(null, "FERRY_BROKER_PATIENCE", "broker.patience", Integer::parseInt)
            .orElse(60);
    if (patience < 1) {
      throw new UsageException("broker patience must be at least 1 second");
    }
    try {
      return Optional.of(
          BrokerSettings.of(resolved.get(), new Topology(prefix, limit))
              .withConnectPatience(Duration.ofSeconds(patience)));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /** The broker settings; a usage error when none is configured. */
  BrokerSettings required(Settings settings) {
    return settings(settings)
        .orElseThrow(
            () ->
                new UsageException(
                    "no broker: give --broker URI, set FERRY_BROKER, or [broker] uri in the"
                        + " config file"));
  }

  /** The {@code [filesystems.NAME]} tables: {@code mount}, {@code write}, {@code require_mount}. */
  static NamedFilesystems filesystems(Settings settings) {
    Map<String, NamedFilesystems.Filesystem> all = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : settings.configNode("filesystems").properties()) {
      String name = e.getKey();
      JsonNode t = e.getValue();
      String where = "filesystems." + name;
      if (!t.path("mount").isTextual()) {
        throw new UsageException("config: " + where + ".mount must be an absolute path");
      }
      try {
        all.put(
            name,
            new NamedFilesystems.Filesystem(
                name,
                Path.of(t.path("mount").asText()),
                bool(t, "write", false, where),
                bool(t, "require_mount", true, where)));
      } catch (IllegalArgumentException ex) {
        throw new UsageException("config: " + where + ": " + ex.getMessage(), ex);
      }
    }
    return new NamedFilesystems(all);
  }

  private static boolean bool(JsonNode table, String key, boolean dflt, String where) {
    JsonNode v = table.path(key);
    if (v.isMissingNode()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new UsageException("config: " + where + "." + key + " must be true or false");
    }
    return v.asBoolean();
  }
}
