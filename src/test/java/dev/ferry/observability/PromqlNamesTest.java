package dev.ferry.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromqlNamesTest {
  @Test
  void findsMetricNamesAndNothingElse() {
    assertEquals(
        Set.of("ferry_tasks_in_flight", "ferry_tasks_total"),
        PromqlNames.of(
            "sum by (job, instance) (ferry_tasks_in_flight) > 0\nand\n"
                + "sum by (job, instance) (increase(ferry_tasks_total{result=\"ok\"}[30m])) == 0"));
    assertEquals(
        Set.of("ferry_task_duration_seconds_bucket"),
        PromqlNames.of(
            "histogram_quantile(0.95, sum by (le, type) (rate(ferry_task_duration_seconds_bucket{instance=~\"$instance\"}[5m])))"));
    assertEquals(Set.of("up"), PromqlNames.of("up{job=\"ferry-worker\"} == 0"));
    assertEquals(
        Set.of("ferry_schedule_last_success_timestamp_seconds"),
        PromqlNames.of("time() - max(ferry_schedule_last_success_timestamp_seconds) > 1800"));
    assertEquals(
        Set.of("ferry_tasks_in_flight"),
        PromqlNames.of("label_values(ferry_tasks_in_flight, instance)"));
    assertEquals(
        Set.of("a_metric", "b"), PromqlNames.of("a_metric / on(x) group_left(y) b offset 5m"));
  }
}
