package dev.ferry.scheduler.sim;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures a test can inject. A status or body set here replaces the normal answer; a delay is
 * served before the answer (long enough delays make the client time out).
 */
public final class Faults {
  volatile Integer listStatus;
  volatile String listBody;
  volatile Duration listDelay = Duration.ZERO;
  volatile Integer startStatusForAll;
  volatile Duration startDelayForAll = Duration.ZERO;
  final Map<String, Integer> startStatus = new ConcurrentHashMap<>();
  final Map<String, Duration> startDelay = new ConcurrentHashMap<>();

  /** {@code GET /migrations} answers with this status and a Spring-style error body. */
  public Faults listStatus(int status) {
    this.listStatus = status;
    return this;
  }

  /** {@code GET /migrations} answers 200 with exactly this body (malformed JSON, an object...). */
  public Faults listBody(String body) {
    this.listBody = body;
    return this;
  }

  public Faults listDelay(Duration delay) {
    this.listDelay = delay;
    return this;
  }

  /** Every start answers with this status (and an error body), changing nothing. */
  public Faults startStatus(int status) {
    this.startStatusForAll = status;
    return this;
  }

  /** Starting this migration (by either id) answers with this status, changing nothing. */
  public Faults startStatus(String id, int status) {
    startStatus.put(id, status);
    return this;
  }

  public Faults startDelay(Duration delay) {
    this.startDelayForAll = delay;
    return this;
  }

  public Faults startDelay(String id, Duration delay) {
    startDelay.put(id, delay);
    return this;
  }

  /** Removes every injected fault. */
  public void clear() {
    listStatus = null;
    listBody = null;
    listDelay = Duration.ZERO;
    startStatusForAll = null;
    startDelayForAll = Duration.ZERO;
    startStatus.clear();
    startDelay.clear();
  }
}
