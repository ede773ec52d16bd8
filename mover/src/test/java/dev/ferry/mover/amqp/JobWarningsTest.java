package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class JobWarningsTest {
  @Test
  void aJobsWarningsAreTakenOnceInTheirOrderWithoutRepeats() {
    JobWarnings warnings = new JobWarnings();
    Consumer<String> j1 = warnings.of("j1");
    j1.accept("no pool");
    j1.accept("no library");
    j1.accept("no pool");
    warnings.of("j2").accept("other job");

    assertEquals(List.of("no pool", "no library"), warnings.take("j1"));
    assertEquals(List.of(), warnings.take("j1"));
    assertEquals(List.of("other job"), warnings.take("j2"));
  }

  @Test
  void holdsABoundedNumberPerJob() {
    JobWarnings warnings = new JobWarnings();
    for (int i = 0; i < JobWarnings.HELD_PER_JOB + 10; i++) {
      warnings.of("j").accept("warning " + i);
    }
    List<String> taken = warnings.take("j");
    assertEquals(JobWarnings.HELD_PER_JOB, taken.size());
    assertEquals("warning 0", taken.get(0));
  }
}
