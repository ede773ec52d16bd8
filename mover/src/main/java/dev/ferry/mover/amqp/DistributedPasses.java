package dev.ferry.mover.amqp;

import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.lustre.LustreJobOptions;
import dev.ferry.mover.lustre.LustreOptions;
import dev.ferry.mover.task.Pass;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ferry copy|delete|dirtimes|sync SRC DST --broker URI} does: publishes one job per
 * pass, chained so that each starts only when the one before it is over, prints the first job's id
 * and, with {@code --wait}, follows the chain to its end. The client never copies anything itself.
 */
public final class DistributedPasses {
  /**
   * @param cfg the pass options as the command line gave them (its paths are not used)
   * @param source SRC as typed: {@code NAME:/path} or an absolute path
   * @param target DST as typed
   * @param follow wait for the jobs to end (--wait)
   * @param lustre the Lustre options of the copy pass (copy and sync); empty for the other commands
   */
  public record Request(
      PassConfig cfg,
      String source,
      String target,
      boolean follow,
      Optional<LustreOptions> lustre) {
    public Request(PassConfig cfg, String source, String target, boolean follow) {
      this(cfg, source, target, follow, Optional.empty());
    }
  }

  /** The jobs published, and their final states when waited for. */
  public record Outcome(List<String> jobs, List<JobStatus> finals) {
    public boolean clean() {
      return finals.stream().allMatch(s -> s.state() == JobStatus.State.SUCCEEDED);
    }
  }

  /** What the caller is told while it publishes the jobs and follows them. */
  public interface Follower {
    /** The first job's id, once the jobs are published. */
    void published(String jobId);

    /** A state of one of the jobs (every 2 s or so, and its last). */
    void progress(JobStatus status);

    /**
     * A failure or difference line of one of the jobs, as the ledger is folded (the states keep
     * only the first ones), on the broker client's thread.
     */
    void line(String jobId, String text, boolean difference);

    /** Something to tell the operator while waiting: no worker has been taking tasks. */
    void notice(String text);
  }

  private DistributedPasses() {}

  /** Publishes the jobs and, when the request says so, follows them to their end. */
  public static Outcome run(
      BrokerSettings broker,
      NamedFilesystems filesystems,
      Request request,
      Clock clock,
      Follower follower)
      throws InterruptedException {
    String source = filesystems.canonical(request.source());
    String target = filesystems.canonical(request.target());
    checkDistinct(source, target);
    try (JobClient client = JobClient.connect(broker, clock, "ferry-" + request.cfg().command())) {
      String base = client.newJobId();
      List<Pass> passes = request.cfg().passes();
      List<String> ids = new ArrayList<>();
      List<LedgerEvent.ChainedJob> chain = new ArrayList<>();
      for (Pass pass : passes) {
        String id = passes.size() == 1 ? base : base + "-" + PassJobs.lower(pass);
        ids.add(id);
        Map<String, String> attributes =
            new LinkedHashMap<>(
                PassJobs.attributes(request.cfg(), pass, source, target, clock.instant()));
        if (pass == Pass.COPY) {
          // Only the copy pass creates files and directories; each worker builds its creator.
          request
              .lustre()
              .ifPresent(
                  o -> attributes.put(LustreJobOptions.ATTRIBUTE, LustreJobOptions.encode(o)));
        }
        chain.add(
            new LedgerEvent.ChainedJob(
                id, attributes, List.of(PassJobs.root(id, pass, source, target))));
      }
      if (request.follow()) {
        // No need to replay older jobs; newer ones of other clients are not ours to print.
        client.followFromNow(
            broker.publishPatience(),
            (job, line, difference) -> {
              if (ids.contains(job)) {
                follower.line(job, line, difference);
              }
            });
      }
      LedgerEvent.ChainedJob first = chain.get(0);
      client.submit(first.job(), first.attributes(), first.roots(), chain.subList(1, chain.size()));
      follower.published(ids.get(0));
      if (!request.follow()) {
        return new Outcome(ids, List.of());
      }
      return new Outcome(
          ids,
          client.awaitChain(
              ids.get(0), Duration.ofSeconds(2), follower::progress, follower::notice));
    }
  }

  /** Refuses a pass from a directory into itself, or into or out of its own subtree. */
  private static void checkDistinct(String source, String target) {
    String s = source.endsWith("/") ? source : source + "/";
    String t = target.endsWith("/") ? target : target + "/";
    if (s.equals(t) || t.startsWith(s) || s.startsWith(t)) {
      throw new NamedFilesystems.RefusedException(
          "source " + source + " and target " + target + " overlap");
    }
  }
}
