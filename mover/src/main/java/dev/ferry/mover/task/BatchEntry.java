package dev.ferry.mover.task;

import java.nio.file.Path;
import java.util.Objects;

/** One non-directory entry of a file batch: its name in the directory and its source lstat. */
public record BatchEntry(Path name, EntryStat source) {
  public BatchEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    if (name.getNameCount() != 1 || name.isAbsolute()) {
      throw new IllegalArgumentException("a batch entry is a single name: " + name);
    }
  }
}
