package dev.ferry.scheduler;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Asks a {@code --watch} loop to stop after its current cycle; safe from any thread. */
public final class WatchStop {
  private final CountDownLatch stopped = new CountDownLatch(1);

  public void request() {
    stopped.countDown();
  }

  public boolean requested() {
    return stopped.getCount() == 0;
  }

  /** Waits up to {@code d}; true when a stop was requested (or the thread was interrupted). */
  boolean await(Duration d) {
    try {
      return stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
