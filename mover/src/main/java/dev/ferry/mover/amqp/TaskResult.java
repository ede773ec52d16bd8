package dev.ferry.mover.amqp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler made of one task.
 *
 * @param children the bodies of the tasks it spawned, published before the task is acknowledged
 * @param finish the task to run after this one and everything descended from it, or null
 * @param counters what it did (e.g. files, bytes), summed per job in the ledger
 * @param failures items it could not handle, each a line that names the item (its path)
 * @param differences what a dry run would change, one line each as the embedded mode prints it
 *     ({@code would copy: PATH}); reported, not failures
 * @param warnings what the worker warns about for the job (see {@link JobWarnings}); reported, not
 *     failures
 * @param wroteUnder the directory under which it wrote, whose filesystem is flushed ({@link
 *     TaskProcessor#flush}) before the task is recorded done; null when it wrote nothing
 */
public record TaskResult(
    List<byte[]> children,
    Finish finish,
    Map<String, Long> counters,
    List<String> failures,
    List<String> differences,
    List<String> warnings,
    Path wroteUnder) {
  public TaskResult {
    children = List.copyOf(children);
    counters = Map.copyOf(counters);
    failures = List.copyOf(failures);
    differences = List.copyOf(differences);
    warnings = List.copyOf(warnings);
  }

  public TaskResult(
      List<byte[]> children,
      Finish finish,
      Map<String, Long> counters,
      List<String> failures,
      List<String> differences,
      Path wroteUnder) {
    this(children, finish, counters, failures, differences, List.of(), wroteUnder);
  }

  public TaskResult(
      List<byte[]> children,
      Finish finish,
      Map<String, Long> counters,
      List<String> failures,
      Path wroteUnder) {
    this(children, finish, counters, failures, List.of(), wroteUnder);
  }

  public TaskResult(
      List<byte[]> children, Finish finish, Map<String, Long> counters, List<String> failures) {
    this(children, finish, counters, failures, null);
  }

  public TaskResult(List<byte[]> children, Map<String, Long> counters, List<String> failures) {
    this(children, null, counters, failures);
  }

  public static TaskResult of(List<byte[]> children) {
    return new TaskResult(children, null, Map.of(), List.of());
  }

  /**
   * A task deferred until its parent's whole subtree has finished. The distributed transport runs
   * the deferred tasks of a job in waves, deepest first, once everything else is done: a
   * directory's subtree only holds deeper directories, so that order is enough. A deferred task
   * {@code afterChildren} (a file's commit) runs instead as soon as the parent's children are done,
   * and only if none of them failed: the handler guarantees those children spawn nothing.
   *
   * @param body the task
   * @param depth how deep the entry is (the root is 0)
   * @param afterChildren whether it waits for the parent's children only, and for their success
   */
  public record Finish(byte[] body, int depth, boolean afterChildren) {
    public Finish(byte[] body, int depth) {
      this(body, depth, false);
    }

    public Finish {
      Objects.requireNonNull(body, "body");
      if (depth < 0) {
        throw new IllegalArgumentException("depth must not be negative");
      }
    }
  }
}
