package dev.ferry.mover.amqp;

import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.engine.Runs;
import dev.ferry.mover.task.Pass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Submits a pass through the broker, as {@code ferry copy --broker} does, for the tests. */
final class CopyJobs {
  private CopyJobs() {}

  /** A copy of {@code src} into {@code dst} (created) with every preservation on; its job id. */
  static String submit(JobClient client, Path src, Path dst, long chunkThreshold, long chunkSize)
      throws Exception {
    return submit(client, Pass.COPY, src, dst, chunkThreshold, chunkSize);
  }

  /** A pass with the default chunking. */
  static String submit(JobClient client, Pass pass, Path src, Path dst) throws Exception {
    return submit(
        client, pass, src, dst, PassConfig.DEFAULT_CHUNK_THRESHOLD, PassConfig.DEFAULT_CHUNK_SIZE);
  }

  private static String submit(
      JobClient client, Pass pass, Path src, Path dst, long chunkThreshold, long chunkSize)
      throws Exception {
    Files.createDirectories(dst);
    Runs run = Runs.of(src, dst, pass);
    run.threads = 1;
    run.chunkThreshold = chunkThreshold;
    run.chunkSize = chunkSize;
    PassConfig cfg = run.config();
    String job = client.newJobId();
    client.submit(
        job,
        PassJobs.attributes(cfg, pass, src.toString(), dst.toString(), Instant.now()),
        List.of(PassJobs.root(job, pass, src.toString(), dst.toString())),
        List.of());
    return job;
  }
}
