package dev.ferry.cli.doctor;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A filesystem as the config declares it: {@code [filesystems.NAME]} with {@code mount} and {@code
 * write}.
 */
public record MountedFilesystem(String name, Path mount, boolean write) {
  public MountedFilesystem {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mount, "mount");
  }
}
