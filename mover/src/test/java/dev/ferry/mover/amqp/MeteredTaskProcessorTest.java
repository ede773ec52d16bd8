package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.mover.metrics.MoverMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker's metrics wrapper hands every call on: a default left in place does nothing. */
class MeteredTaskProcessorTest {
  @Test
  void everyMethodOfTheProcessorIsHandedOn() throws Exception {
    for (Method m : TaskProcessor.class.getMethods()) {
      Method own = MeteredTaskProcessor.class.getMethod(m.getName(), m.getParameterTypes());
      assertEquals(MeteredTaskProcessor.class, own.getDeclaringClass(), m.getName());
    }

    List<String> calls = new ArrayList<>();
    TaskProcessor inner =
        new TaskProcessor() {
          @Override
          public TaskResult process(TaskMessage task) {
            calls.add("process");
            return TaskResult.of(List.of());
          }

          @Override
          public TaskResult processAgain(TaskMessage task) {
            calls.add("processAgain");
            return TaskResult.of(List.of());
          }

          @Override
          public void flush(Path root) {
            calls.add("flush " + root);
          }

          @Override
          public List<String> describe(byte[] body) {
            calls.add("describe");
            return List.of();
          }

          @Override
          public void redelivered() {
            calls.add("redelivered");
          }

          @Override
          public void givenUp() {
            calls.add("givenUp");
          }
        };
    TaskProcessor metered =
        new MeteredTaskProcessor(
            inner, new MoverMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    TaskMessage task = new TaskMessage("j", "t", new byte[0]);
    metered.process(task);
    metered.processAgain(task);
    metered.flush(Path.of("/dst"));
    metered.describe(new byte[0]);
    metered.redelivered();
    metered.givenUp();

    assertEquals(
        List.of("process", "processAgain", "flush /dst", "describe", "redelivered", "givenUp"),
        calls);
  }
}
