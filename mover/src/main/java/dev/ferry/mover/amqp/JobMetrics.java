package dev.ferry.mover.amqp;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Job-level progress for {@code ferry monitor}, from the ledger's fold: one Prometheus target for a
 * whole installation, however many workers it has. Series carry a {@code job} label (a job id),
 * kept only for running jobs and those that ended recently, so their number stays bounded; and the
 * task and dead-letter queues' depths by {@code queue}.
 *
 * <ul>
 *   <li>{@code ferry_job_expected_tasks}, {@code ferry_job_finished_tasks}, {@code
 *       ferry_job_failed_tasks}
 *   <li>{@code ferry_job_copied_files}, {@code ferry_job_copied_bytes}, {@code
 *       ferry_job_failed_items}
 *   <li>{@code ferry_job_state{job,state}}: 1 for the job's current state
 *   <li>{@code ferry_queue_ready_messages{queue}}, {@code ferry_queue_consumers{queue}}
 * </ul>
 */
public final class JobMetrics {
  private final List<Row> jobGauges = new ArrayList<>();
  // Read by the gauges at scrape time: a job's series stay registered while it is shown and only
  // their values change, so a scrape never sees a job with some of its series missing.
  private final Map<String, JobStatus> latest = new ConcurrentHashMap<>();
  private final MultiGauge state;
  private final MultiGauge ready;
  private final MultiGauge consumers;

  private record Row(MultiGauge gauge, ToDoubleFunction<JobStatus> value) {}

  public JobMetrics(MeterRegistry registry) {
    job(
        registry,
        "ferry.job.expected.tasks",
        null,
        "Tasks the job is known to have",
        s -> s.expectedTasks());
    job(
        registry,
        "ferry.job.finished.tasks",
        null,
        "Tasks finished (done or failed)",
        s -> s.finishedTasks());
    job(registry, "ferry.job.failed.tasks", null, "Tasks failed for good", s -> s.failedTasks());
    job(registry, "ferry.job.copied.files", null, "Files copied", s -> s.counter("copied"));
    job(registry, "ferry.job.copied", "bytes", "Bytes copied", s -> s.counter("bytes"));
    job(registry, "ferry.job.failed.items", null, "Items that failed", s -> s.counter("failed"));
    state =
        MultiGauge.builder("ferry.job.state")
            .description("1 for the job's current state")
            .register(registry);
    ready =
        MultiGauge.builder("ferry.queue.ready.messages")
            .description("Messages waiting in a queue (not yet delivered)")
            .register(registry);
    consumers =
        MultiGauge.builder("ferry.queue.consumers")
            .description("Consumers of a queue (worker task channels)")
            .register(registry);
  }

  private void job(
      MeterRegistry registry,
      String name,
      String unit,
      String help,
      ToDoubleFunction<JobStatus> value) {
    MultiGauge.Builder b = MultiGauge.builder(name).description(help);
    if (unit != null) {
      b.baseUnit(unit);
    }
    jobGauges.add(new Row(b.register(registry), value));
  }

  /**
   * Replaces the job series with those of {@code statuses}: running jobs, and ended ones whose last
   * entry is younger than {@code keepEnded}.
   */
  public void jobs(List<JobStatus> statuses, long nowMillis, Duration keepEnded) {
    List<JobStatus> shown =
        statuses.stream()
            .filter(
                s -> !s.state().terminal() || nowMillis - s.lastEventAt() < keepEnded.toMillis())
            .toList();
    shown.forEach(st -> latest.put(st.jobId(), st));
    for (Row row : jobGauges) {
      row.gauge()
          .register(
              shown.stream()
                  .map(
                      st ->
                          MultiGauge.Row.of(
                              Tags.of("job", st.jobId()),
                              latest,
                              m -> valueOf(m.get(st.jobId()), row.value())))
                  .toList(),
              false);
    }
    latest.keySet().retainAll(shown.stream().map(JobStatus::jobId).toList());
    state.register(
        shown.stream()
            .map(
                s ->
                    MultiGauge.Row.of(
                        Tags.of(
                            "job", s.jobId(), "state", s.state().name().toLowerCase(Locale.ROOT)),
                        1))
            .toList(),
        true);
  }

  private static double valueOf(JobStatus s, ToDoubleFunction<JobStatus> value) {
    return s == null ? Double.NaN : value.applyAsDouble(s);
  }

  /** Replaces the queue series: ready messages and consumers per queue name. */
  public void queues(Map<String, long[]> readyAndConsumers) {
    ready.register(
        readyAndConsumers.entrySet().stream()
            .map(e -> MultiGauge.Row.of(Tags.of("queue", e.getKey()), e.getValue()[0]))
            .toList(),
        true);
    consumers.register(
        readyAndConsumers.entrySet().stream()
            .map(e -> MultiGauge.Row.of(Tags.of("queue", e.getKey()), e.getValue()[1]))
            .toList(),
        true);
  }
}
