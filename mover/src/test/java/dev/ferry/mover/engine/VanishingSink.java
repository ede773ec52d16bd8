package dev.ferry.mover.engine;

import dev.ferry.mover.task.ForwardingSink;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Passes everything on, and removes one source file when a handler starts on it (a batch reports
 * each entry with {@link TaskSink#working} first): the file was listed, then a user removed it.
 */
final class VanishingSink extends ForwardingSink {
  private final Path victim;

  VanishingSink(TaskSink sink, Path victim) {
    super(sink);
    this.victim = victim;
  }

  @Override
  public void working(RelPath path) {
    if (victim.endsWith(path.path())) {
      try {
        Files.deleteIfExists(victim);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    super.working(path);
  }
}
