package dev.ferry.cli.doctor;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The configured pieces of one ferry installation, as settings resolved them.
 *
 * @param configFile the config file read, if any
 * @param ldmEndpoint the LiveData Migrator endpoint, if configured
 * @param broker the broker URI with its credentials removed, if configured
 * @param filesystems the {@code [filesystems.NAME]} tables
 * @param metricsPort the metrics port, if configured
 */
public record Inventory(
    Optional<String> configFile,
    Optional<String> ldmEndpoint,
    Optional<String> broker,
    List<MountedFilesystem> filesystems,
    OptionalInt metricsPort) {
  public Inventory {
    filesystems = List.copyOf(filesystems);
  }
}
