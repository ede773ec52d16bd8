package dev.ferry.mover.engine;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Passes everything on, and removes one source file when a handler starts on it (a batch reports
 * each entry with {@link TaskSink#working} first): the file was listed, then a user removed it.
 */
final class VanishingSink implements TaskSink {
  private final TaskSink sink;
  private final Path victim;

  VanishingSink(TaskSink sink, Path victim) {
    this.sink = sink;
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
    sink.working(path);
  }

  @Override
  public void emit(Task child) {
    sink.emit(child);
  }

  @Override
  public void finish(Task after) {
    sink.finish(after);
  }

  @Override
  public void count(Counter counter, long delta) {
    sink.count(counter, delta);
  }

  @Override
  public void fail(RelPath path, String reason) {
    sink.fail(path, reason);
  }

  @Override
  public void differ(RelPath path, String what) {
    sink.differ(path, what);
  }

  @Override
  public void moved(long bytes) {
    sink.moved(bytes);
  }
}
