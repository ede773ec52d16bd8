package dev.ferry.mover.amqp;

import com.rabbitmq.client.ShutdownSignalException;

/** One-line descriptions of broker failures, which the client often wraps twice. */
final class Failures {
  private Failures() {}

  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof java.io.IOException)) {
      t = t.getCause();
    }
    if (t instanceof ShutdownSignalException s && s.getReason() != null) {
      return s.getReason().protocolMethodName() + " " + firstLine(s.getMessage());
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse(s);
  }
}
