package dev.ferry.mover.amqp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Drives the local broker with {@code rabbitmqctl}, for the few tests that restart it or change its
 * settings. Those need the broker on this machine; elsewhere they are skipped loudly (or fail under
 * {@code FERRY_REQUIRE_BROKER=1}).
 */
public final class BrokerControl {
  private BrokerControl() {}

  /** Checks that {@code rabbitmqctl} controls the broker the tests use. */
  public static void requireLocalControl() {
    String uri = TestBroker.uri();
    boolean local = uri.contains("@127.0.0.1:") || uri.contains("@localhost:");
    String why = null;
    if (!local) {
      why = "the broker " + BrokerSettings.redact(uri) + " is not on this machine";
    } else if (!succeeds("status")) {
      why = "rabbitmqctl cannot control the local broker";
    }
    if (why != null) {
      String message = "*** BROKER CONTROL TEST SKIPPED: " + why + " ***";
      System.err.println(message);
      if ("1".equals(System.getenv("FERRY_REQUIRE_BROKER"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
  }

  public static void stopApp() {
    run("stop_app");
  }

  /** Starts the broker application and waits until it serves again. */
  public static void startApp() {
    run("start_app");
    run("await_startup");
  }

  /** Evaluates an Erlang expression on the broker node (to change settings at run time). */
  public static void eval(String expression) {
    run("eval", expression);
  }

  private static void run(String... args) {
    if (!succeeds(args)) {
      throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed");
    }
  }

  private static boolean succeeds(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
