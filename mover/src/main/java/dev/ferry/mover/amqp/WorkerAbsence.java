package dev.ferry.mover.amqp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Tells a client waiting for a job when no worker has been taking tasks for a while (none was
 * started, or every one stopped or died), once, and once more when one is taking them again. A job
 * without workers waits by design; an operator watching a board that does not move should not have
 * to guess why.
 */
final class WorkerAbsence {
  /** How long the task queue must have had no consumer before the client says so. */
  static final Duration NOTICE_AFTER = Duration.ofSeconds(10);

  private static final Duration LOOK_EVERY = Duration.ofSeconds(2);

  private final IntSupplier consumers;
  private final String queue;
  private final Clock clock;
  private final Consumer<String> notices;
  private Instant nextLook = Instant.MIN;
  private Instant absentSince;
  private boolean told;

  /**
   * @param consumers the task queue's consumers now, or a negative number when the broker did not
   *     answer (an outage: the client reconnects and says nothing about workers meanwhile)
   */
  WorkerAbsence(IntSupplier consumers, String queue, Clock clock, Consumer<String> notices) {
    this.consumers = consumers;
    this.queue = queue;
    this.clock = clock;
    this.notices = notices;
  }

  /** Looks at the queue, at most once per {@link #LOOK_EVERY} however often it is called. */
  void look() {
    Instant now = clock.instant();
    if (now.isBefore(nextLook)) {
      return;
    }
    nextLook = now.plus(LOOK_EVERY);
    int n = consumers.getAsInt();
    if (n < 0) {
      return;
    }
    if (n > 0) {
      if (told) {
        notices.accept("a worker is taking tasks again");
      }
      absentSince = null;
      told = false;
      return;
    }
    if (absentSince == null) {
      absentSince = now;
    }
    if (!told && !now.isBefore(absentSince.plus(NOTICE_AFTER))) {
      told = true;
      notices.accept(
          "no worker has taken tasks from "
              + queue
              + " for "
              + NOTICE_AFTER.toSeconds()
              + " s; the job waits for one (start ferry worker on a mover node)");
    }
  }
}
