package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerAbsenceTest {
  private Instant now = Instant.parse("2026-11-26T03:00:00Z");
  private int consumers;
  private int looks;
  private final List<String> notices = new ArrayList<>();
  private final WorkerAbsence absence =
      new WorkerAbsence(
          () -> {
            looks++;
            return consumers;
          },
          "ferry.tasks",
          new Clock() {
            @Override
            public Instant instant() {
              return now;
            }

            @Override
            public java.time.ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }
          },
          notices::add);

  private void after(int seconds) {
    now = now.plusSeconds(seconds);
    absence.look();
  }

  @Test
  void saysOnceThatNoWorkerTakesTasksAndOnceThatOneDoesAgain() {
    consumers = 0;
    after(0);
    after(9);
    assertEquals(List.of(), notices, "before the notice delay");
    after(1);
    after(30);
    assertEquals(1, notices.size(), notices.toString());
    assertEquals(
        "no worker has taken tasks from ferry.tasks for 10 s; the job waits for one (start ferry"
            + " worker on a mover node)",
        notices.get(0));

    consumers = 4;
    after(2);
    after(2);
    assertEquals(List.of(notices.get(0), "a worker is taking tasks again"), notices);
  }

  @Test
  void aBriefGapBetweenWorkersOrAnOutageSaysNothing() {
    consumers = 2;
    after(0);
    consumers = 0; // one worker stopped, the next is starting
    after(2);
    after(6);
    consumers = 1;
    after(2);
    consumers = -1; // the broker did not answer
    after(2);
    after(20);
    assertEquals(List.of(), notices);
  }

  @Test
  void looksAtTheBrokerAtMostEveryTwoSeconds() {
    for (int i = 0; i < 50; i++) {
      absence.look();
    }
    assertEquals(1, looks);
    now = now.plus(Duration.ofSeconds(2));
    absence.look();
    assertEquals(2, looks);
  }
}
