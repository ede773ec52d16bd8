package dev.ferry.cli;

import dev.ferry.lustre.LustreMode;
import dev.ferry.mover.amqp.JobWarnings;
import dev.ferry.mover.amqp.PassJobs;
import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.lustre.LustreCreators;
import dev.ferry.mover.lustre.LustreJobOptions;
import dev.ferry.mover.lustre.LustreOptions;
import dev.ferry.mover.lustre.LustreUnavailableException;
import dev.ferry.mover.task.Pass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The target creator of each distributed job on this worker: the job's Lustre options (from its
 * attributes) applied to this node's roots, configuration, library and statfs. Warnings go to the
 * worker's log once per job, each prefixed with the job's id, and to the job's ledger with its next
 * task done here (so the waiting client and status show them).
 */
final class WorkerLustre implements PassJobs.Creators {
  private static final int REMEMBERED_REFUSALS = 64;

  private final LustreSettings settings;
  private final Consumer<String> log;
  private final JobWarnings ledger;
  private final Set<String> refused =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED_REFUSALS;
                }
              }));

  /**
   * @param settings this worker's settings
   * @param log receives one line per warning or refusal (without the worker's own prefix)
   * @param ledger receives each warning for the job's ledger
   */
  WorkerLustre(Settings settings, Consumer<String> log, JobWarnings ledger) {
    this.settings = new LustreSettings(settings);
    this.log = log;
    this.ledger = ledger;
  }

  @Override
  public TargetCreator forJob(String jobId, Map<String, String> attributes, PassConfig cfg) {
    if (!cfg.passes().contains(Pass.COPY) || cfg.dryRun()) {
      return new PosixTargetCreator(); // only a copy pass that is not a dry run creates entries
    }
    LustreOptions options =
        LustreJobOptions.onNode(
            LustreJobOptions.decode(
                Optional.ofNullable(attributes.get(LustreJobOptions.ATTRIBUTE))),
            localMode(cfg.source()),
            localMode(cfg.target()),
            settings.library());
    Consumer<String> toLedger = ledger.of(jobId);
    Consumer<String> warnings =
        w -> {
          log.accept("job " + jobId + ": warning: " + w);
          toLedger.accept(w);
        };
    try {
      return LustreCreators.forJob(options, cfg.source(), cfg.target(), warnings);
    } catch (LustreUnavailableException e) {
      if (refused.add(jobId)) {
        log.accept(
            "job "
                + jobId
                + ": refusing its tasks, other workers may take them: "
                + e.getMessage());
      }
      throw e;
    } catch (IOException e) {
      if (options.target() == LustreMode.ON) {
        throw new UncheckedIOException(e); // never copy a job that demands Lustre without it
      }
      warnings.accept(e.getMessage() + "; copying as plain POSIX");
      return new PosixTargetCreator();
    }
  }

  /** This node's mode for the filesystem holding {@code root}: its policy over its config. */
  private LustreMode localMode(Path root) {
    return settings.policy().effective(settings.filesystem(settings.filesystemHolding(root)));
  }
}
