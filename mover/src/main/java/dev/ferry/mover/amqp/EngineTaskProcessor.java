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

  public EngineTaskProcessor(NamedFilesystems filesystems, JobDirectory jobs, Handlers handlers) {
    this.filesystems = filesystems;
    this.jobs = jobs;
    this.handlers = handlers;
  }

  @Override
  public TaskResult process(TaskMessage message) throws Exception {
    Task task;
    try {
      task = codec.decode(message.body());
    } catch (IllegalArgumentException e) {
      throw new PermanentTaskException("unreadable task: " + e.getMessage(), e);
    }
    TaskScope scope = task.scope();
    Optional<Map<String, String>> attributes = jobs.attributes(scope.jobId());
    if (attributes.isEmpty()) {
      throw new IllegalStateException("job " + scope.jobId() + " is not in the ledger yet");
    }
    Roots roots = roots(scope);
    TaskOutcome outcome = handlers.create(scope.jobId(), attributes.get(), roots).run(task);
    Path wrote = scope.pass() == Pass.VERIFY ? null : roots.root(scope.target());
    return result(outcome, scope, wrote);
  }

  @Override
  public void flush(Path root) throws IOException {
    FilesystemSync.flush(root);
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

  private TaskResult result(TaskOutcome outcome, TaskScope scope, Path wrote) {
    List<byte[]> children = new ArrayList<>();
    for (Task child : outcome.children()) {
      children.add(codec.encode(child));
    }
    TaskResult.Finish finish = null;
    if (outcome.finish() != null) {
      // A file's commit waits for its chunks only (they spawn nothing), and only for their success.
      finish =
          new TaskResult.Finish(
              codec.encode(outcome.finish()),
              outcome.finish().path().depth(),
              outcome.finish() instanceof CommitTask);
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    for (Map.Entry<Counter, Long> c : outcome.counts().entrySet()) {
      counters.put(c.getKey().name().toLowerCase(Locale.ROOT), c.getValue());
    }
    List<String> failures = new ArrayList<>();
    for (ItemReport r : outcome.failures()) {
      failures.add(scope.source() + " " + r.path().display() + ": " + r.message());
    }
    // A difference fails a verify, as in the embedded mode; a dry run's are only reported.
    List<String> differences = new ArrayList<>();
    for (ItemReport r : outcome.differences()) {
      if (scope.pass() == Pass.VERIFY) {
        failures.add(scope.source() + " " + r.path().display() + " differs: " + r.message());
      } else {
        differences.add(r.message() + ": " + r.path().display());
      }
    }
    return new TaskResult(children, finish, counters, failures, differences, wrote);
  }

  @Override
  public List<String> describe(byte[] body) {
    try {
      Task t = codec.decode(body);
      return List.of(t.scope().source() + " " + t.path().display());
    } catch (IllegalArgumentException e) {
      return List.of("an unreadable task");
    }
  }
}
