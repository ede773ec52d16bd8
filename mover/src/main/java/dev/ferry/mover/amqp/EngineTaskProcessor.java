package dev.ferry.mover.amqp;

import dev.ferry.mover.fs.FilesystemSync;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.task.CommitTask;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.ItemReport;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskCodec;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskOutcome;
import dev.ferry.mover.task.TaskScope;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the mover's tasks on a worker: decodes a task, resolves its filesystems on this node (named
 * filesystems at their local mounts; refusing unmounted ones, escapes and writes where the config
 * forbids them), and hands it to the engine's handler for its job.
 */
public final class EngineTaskProcessor implements TaskProcessor {
  /** Builds the engine's handler for a job, from its CREATED attributes and resolved roots. */
  @FunctionalInterface
  public interface Handlers {
    TaskHandler create(String jobId, Map<String, String> attributes, Roots roots);
  }

  private final TaskCodec codec = new TaskCodec();
  private final NamedFilesystems filesystems;
  private final JobDirectory jobs;
  private final Handlers handlers;
  private final JobWarnings warnings;

  public EngineTaskProcessor(NamedFilesystems filesystems, JobDirectory jobs, Handlers handlers) {
    this(filesystems, jobs, handlers, new JobWarnings());
  }

  /**
   * @param warnings where the handlers' warnings about a job wait for that job's next result on
   *     this worker, which carries them to the ledger
   */
  public EngineTaskProcessor(
      NamedFilesystems filesystems, JobDirectory jobs, Handlers handlers, JobWarnings warnings) {
    this.filesystems = filesystems;
    this.jobs = jobs;
    this.handlers = handlers;
    this.warnings = warnings;
  }

  @Override
  public TaskResult process(TaskMessage message) throws Exception {
    return run(decode(message));
  }

  /**
   * A pack delivered again may hold a directory that killed its worker (a crash in a native call,
   * say), which would take the pack's siblings to the dead letters with it: it is split into tasks
   * of their own instead, unrun. Anything else runs again as usual.
   */
  @Override
  public TaskResult processAgain(TaskMessage message) throws Exception {
    List<Task> tasks = decode(message);
    if (tasks.size() == 1) {
      return run(tasks);
    }
    List<byte[]> alone = new ArrayList<>();
    for (Task t : tasks) {
      alone.add(codec.encode(t));
    }
    return new TaskResult(alone, Map.of(), List.of());
  }

  private List<Task> decode(TaskMessage message) throws PermanentTaskException {
    try {
      return codec.decodeAll(message.body());
    } catch (IllegalArgumentException e) {
      throw new PermanentTaskException("unreadable task: " + e.getMessage(), e);
    }
  }

  private TaskResult run(List<Task> tasks) throws Exception {
    TaskScope scope = tasks.get(0).scope();
    Optional<Map<String, String>> attributes = jobs.attributes(scope.jobId());
    if (attributes.isEmpty()) {
      throw new IllegalStateException("job " + scope.jobId() + " is not in the ledger yet");
    }
    Roots roots = roots(scope);
    TaskHandler handler = handlers.create(scope.jobId(), attributes.get(), roots);
    if (tasks.size() == 1) {
      return result(List.of(handler.run(tasks.get(0))), List.of(), scope, roots);
    }
    // A pack's tasks run one after the other. One that throws goes on as a task of its own, to be
    // retried and, after the delivery limit, failed alone: its siblings' work is not lost with it.
    List<TaskOutcome> outcomes = new ArrayList<>(tasks.size());
    List<Task> alone = new ArrayList<>();
    for (Task t : tasks) {
      try {
        outcomes.add(handler.run(t));
      } catch (RuntimeException e) {
        alone.add(t);
      }
    }
    return result(outcomes, alone, scope, roots);
  }

  @Override
  public void flush(Path root) throws IOException {
    try {
      FilesystemSync.flush(root);
    } catch (NoSuchFileException e) {
      // No target root, nothing written under it: a pass refused before it created the root.
    }
  }

  /**
   * Resolves both filesystems. A filesystem this node lacks or may not write is a refusal of this
   * node only: the task goes back to the queue for another worker, and fails after the delivery
   * limit with the reason. An escaping path can succeed nowhere.
   */
  private Roots roots(TaskScope scope) throws PermanentTaskException {
    boolean writes = scope.pass() != Pass.VERIFY;
    try {
      filesystems.canonical(scope.source());
      filesystems.canonical(scope.target());
    } catch (NamedFilesystems.RefusedException e) {
      throw new PermanentTaskException(e.getMessage(), e);
    }
    Path source = filesystems.resolve(scope.source(), false);
    Path target = filesystems.resolve(scope.target(), writes);
    Map<String, Path> map = new LinkedHashMap<>();
    map.put(scope.source(), source);
    map.putIfAbsent(scope.target(), target);
    return new Roots(map);
  }

  private TaskResult result(
      List<TaskOutcome> outcomes, List<Task> alone, TaskScope scope, Roots roots) {
    List<Task> spawned = new ArrayList<>();
    List<Task> finishes = new ArrayList<>();
    Map<String, Long> counters = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    for (TaskOutcome outcome : outcomes) {
      spawned.addAll(outcome.children());
      if (outcome.finish() != null) {
        finishes.add(outcome.finish());
      }
      for (Map.Entry<Counter, Long> c : outcome.counts().entrySet()) {
        counters.merge(c.getKey().name().toLowerCase(Locale.ROOT), c.getValue(), Long::sum);
      }
      for (ItemReport r : outcome.failures()) {
        failures.add(scope.source() + " " + r.path().display() + ": " + r.message());
      }
      // A difference fails a verify, as in the embedded mode; a dry run's are only reported.
      for (ItemReport r : outcome.differences()) {
        if (scope.pass() == Pass.VERIFY) {
          failures.add(scope.source() + " " + r.path().display() + " differs: " + r.message());
        } else {
          differences.add(r.message() + ": " + r.path().display());
        }
      }
    }
    List<byte[]> children = new ArrayList<>();
    for (List<Task> travel : SiblingPacks.of(spawned)) {
      children.add(encode(travel));
    }
    for (Task t : alone) {
      children.add(codec.encode(t));
    }
    Path wrote = scope.pass() == Pass.VERIFY ? null : roots.root(scope.target());
    return new TaskResult(
        children,
        finish(finishes),
        counters,
        failures,
        differences,
        warnings.take(scope.jobId()),
        wrote);
  }

  /**
   * The finish tasks of a task, or of a pack's tasks: sibling directories' metadata, packed in
   * turn. A file's commit waits for its chunks only (they spawn nothing), and only for their
   * success; it is never in a pack.
   */
  private TaskResult.Finish finish(List<Task> finishes) {
    if (finishes.isEmpty()) {
      return null;
    }
    Task first = finishes.get(0);
    return new TaskResult.Finish(
        encode(finishes),
        first.path().depth(),
        finishes.size() == 1 && first instanceof CommitTask);
  }

  private byte[] encode(List<Task> travel) {
    return travel.size() == 1 ? codec.encode(travel.get(0)) : codec.encodePack(travel);
  }

  @Override
  public List<String> describe(byte[] body) {
    try {
      List<String> what = new ArrayList<>();
      for (Task t : codec.decodeAll(body)) {
        what.add(t.scope().source() + " " + t.path().display());
      }
      return what;
    } catch (IllegalArgumentException e) {
      return List.of("an unreadable task");
    }
  }
}
