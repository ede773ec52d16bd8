package dev.ferry.mover.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.task.CollectingSink;
import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.DirMetaTask;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskScope;
import dev.ferry.mover.transport.InProcessTransport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MoverMetricsTest {
  private static final TaskScope COPY = new TaskScope("j", Pass.COPY, "panda", "badger");
  private static final EntryStat DIR = new EntryStat(040755, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0);

  private PrometheusMeterRegistry registry;
  private MoverMetrics metrics;

  @BeforeEach
  void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.throwExceptionOnRegistrationFailure();
    metrics = new MoverMetrics(registry);
  }

  /** The value of the one sample whose line starts with {@code series} (name and labels). */
  private double sample(String series) {
    String text = registry.scrape();
    return Arrays.stream(text.split("\n"))
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + text));
  }

  private static String files(String pass, String result) {
    return "ferry_files_total{filesystem=\"badger\",pass=\""
        + pass
        + "\",result=\""
        + result
        + "\"}";
  }

  @Test
  void everyMoverCounterHasAPrometheusSeries() {
    PassMetrics copy = metrics.pass(Pass.COPY, "badger");
    copy.count(Counter.COPIED, 2);
    copy.count(Counter.LINKED, 1);
    copy.count(Counter.SKIPPED, 3);
    copy.count(Counter.EXCLUDED, 4);
    copy.count(Counter.FAILED, 1);
    copy.count(Counter.BYTES, 1024);
    copy.count(Counter.SCANNED, 12);
    copy.count(Counter.DIRS_CREATED, 2);
    metrics.pass(Pass.DELETE, "badger").count(Counter.DELETED, 5);
    metrics.pass(Pass.DIRTIMES, "badger").count(Counter.DIRS_UPDATED, 6);
    metrics.pass(Pass.VERIFY, "badger").count(Counter.DIFFERENT, 1);
    metrics.pass(Pass.VERIFY, "badger").count(Counter.BYTES, 99);

    assertEquals(2, sample(files("copy", "copied")));
    assertEquals(1, sample(files("copy", "linked")));
    assertEquals(3, sample(files("copy", "skipped")));
    assertEquals(4, sample(files("copy", "excluded")));
    assertEquals(1, sample(files("copy", "failed")));
    assertEquals(5, sample(files("delete", "deleted")));
    assertEquals(1, sample(files("verify", "different")));
    assertEquals(1024, sample("ferry_copied_bytes_total{filesystem=\"badger\",pass=\"copy\"}"));
    assertEquals(99, sample("ferry_verified_bytes_total{filesystem=\"badger\",pass=\"verify\"}"));
    assertEquals(12, sample("ferry_scanned_entries_total{filesystem=\"badger\",pass=\"copy\"}"));
    assertEquals(2, sample("ferry_created_directories_total{filesystem=\"badger\",pass=\"copy\"}"));
    assertEquals(
        6, sample("ferry_updated_directories_total{filesystem=\"badger\",pass=\"dirtimes\"}"));
  }

  @Test
  void passCountersAreSharedBetweenCallers() {
    metrics.pass(Pass.COPY, "root").count(Counter.COPIED, 1);
    metrics.pass(Pass.COPY, "root").count(Counter.COPIED, 1);
    assertEquals(
        2, sample("ferry_files_total{filesystem=\"root\",pass=\"copy\",result=\"copied\"}"));
  }

  @Test
  void aMeteredHandlerUnderTheTransportCountsWhatTheRunCounts() throws Exception {
    // A tree of 1 + 3 + 9 directories, each copying one 10-byte file.
    TaskHandler tree =
        (task, sink) -> {
          if (task instanceof DirTask d) {
            sink.count(Counter.DIRS_CREATED, 1);
            sink.count(Counter.COPIED, 1);
            sink.count(Counter.BYTES, 10);
            for (int i = 0; d.path().depth() < 2 && i < 3; i++) {
              sink.emit(new DirTask(COPY, d.path().child(Path.of("d" + i)), DIR));
            }
            sink.finish(new DirMetaTask(COPY, d.path(), DIR));
          }
        };
    CollectingSink totals = new CollectingSink();
    new InProcessTransport(2, 4)
        .run(List.of(new DirTask(COPY, RelPath.ROOT, null)), metrics.metered(tree), totals);

    assertEquals(13, totals.outcome().count(Counter.COPIED));
    assertEquals(totals.outcome().count(Counter.COPIED), sample(files("copy", "copied")));
    assertEquals(130, sample("ferry_copied_bytes_total{filesystem=\"badger\",pass=\"copy\"}"));
    assertEquals(13, sample("ferry_tasks_total{result=\"ok\",type=\"directory\"}"));
    assertEquals(13, sample("ferry_tasks_total{result=\"ok\",type=\"dirmeta\"}"));
    assertEquals(13, sample("ferry_task_duration_seconds_count{type=\"directory\"}"));
    assertEquals(0, sample("ferry_tasks_in_flight"));
  }

  @Test
  void aTaskThatThrowsIsAnErrorAndOneFailedItem() {
    TaskHandler broken =
        (task, sink) -> {
          throw new IllegalStateException("disk on fire");
        };
    assertThrows(
        IllegalStateException.class,
        () ->
            metrics
                .metered(broken)
                .handle(new DirTask(COPY, RelPath.ROOT, null), new CollectingSink()));
    assertEquals(1, sample("ferry_tasks_total{result=\"error\",type=\"directory\"}"));
    assertEquals(1, sample(files("copy", "failed")));
    assertEquals(0, sample("ferry_tasks_in_flight"));
  }

  @Test
  void tasksInFlightAndDurationBuckets() {
    TaskTimer running = metrics.startTask("chunk");
    assertEquals(1, sample("ferry_tasks_in_flight"));
    running.result("ok").close();
    running.close(); // closing twice records once
    assertEquals(0, sample("ferry_tasks_in_flight"));
    assertEquals(1, sample("ferry_tasks_total{result=\"ok\",type=\"chunk\"}"));
    assertEquals(1, sample("ferry_task_duration_seconds_bucket{type=\"chunk\",le=\"+Inf\"}"));
    assertTrue(
        registry
            .scrape()
            .contains("ferry_task_duration_seconds_bucket{type=\"chunk\",le=\"1.0\"}"));
  }

  @Test
  void redeliveriesAndDeadLettersStartAtZero() {
    assertEquals(0, sample("ferry_task_redeliveries_total"));
    assertEquals(0, sample("ferry_dead_lettered_tasks_total"));
    metrics.redelivered();
    metrics.redelivered();
    metrics.deadLettered();
    assertEquals(2, sample("ferry_task_redeliveries_total"));
    assertEquals(1, sample("ferry_dead_lettered_tasks_total"));
  }

  @Test
  void lustreAvailabilityFollowsTheLibrary() {
    AtomicBoolean loaded = new AtomicBoolean(false);
    metrics.lustreLibrary(loaded::get);
    assertEquals(0, sample("ferry_lustre_library_available"));
    loaded.set(true);
    assertEquals(1, sample("ferry_lustre_library_available"));
  }

  @Test
  void disabledMetricsAcceptEveryCallAndRecordNothing() {
    MoverMetrics off = MoverMetrics.disabled();
    off.pass(Pass.COPY, "root").count(Counter.COPIED, 1);
    off.redelivered();
    var counters = off.registry().find("ferry.files").counters();
    assertFalse(counters.isEmpty());
    assertTrue(
        counters.stream().allMatch(c -> c.count() == 0), "a disabled registry records nothing");
  }

  @Test
  void aPlainPathNeverBecomesALabel() {
    assertEquals("root", MeteredHandler.filesystemLabel("/data/src"));
    assertEquals("panda", MeteredHandler.filesystemLabel("panda"));
    TaskScope embedded = new TaskScope("j", Pass.COPY, "/data/src", "/data/dst");
    TaskHandler copyOne = (task, sink) -> sink.count(Counter.COPIED, 1);
    metrics
        .metered(copyOne)
        .handle(new DirTask(embedded, RelPath.ROOT, null), new CollectingSink());
    assertEquals(
        1, sample("ferry_files_total{filesystem=\"root\",pass=\"copy\",result=\"copied\"}"));
    assertFalse(registry.scrape().contains("/data"), registry.scrape());
  }
}
