package dev.ferry.mover.amqp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Drives the local broker with {@code rabbitmqctl}, for the few tests that restart it or change its
 * settings. Those need the broker on this machine; elsewhere they fail, saying so (a skipped test
 * would prove nothing).
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
      String message = "*** BROKER CONTROL TEST FAILED: " + why + " ***";
      System.err.println(message);
      Assertions.fail(message);
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

  /** Applies a policy to the queues whose names match {@code pattern} (a test's own only). */
  public static void setPolicy(String name, String pattern, String definition) {
    run("set_policy", "--apply-to", "queues", "--priority", "100", name, pattern, definition);
  }

  public static void clearPolicy(String name) {
    run("clear_policy", name);
  }

  /** Adds a user of the default virtual host with these configure, write and read patterns. */
  public static void addUser(
      String user, String password, String configure, String write, String read) {
    run("add_user", user, password);
    run("set_permissions", "-p", "/", user, configure, write, read);
  }

  public static void deleteUser(String user) {
    run("delete_user", user);
  }

  /** The number of delivered, unacknowledged messages of one queue, as the broker counts them. */
  public static long unacknowledged(String queue) {
    return Long.parseLong(queueInfo(queue, "messages_unacknowledged"));
  }

  /** One column of {@code rabbitmqctl list_queues} for one queue ("" when empty). */
  public static String queueInfo(String queue, String column) {
    String out = output("list_queues", "--no-table-headers", "name", column);
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f[0].equals(queue)) {
        return f.length > 1 ? f[1] : "";
      }
    }
    throw new IllegalStateException("no queue " + queue + " in: " + out);
  }

  /**
   * Closes, from the broker's side, the client connection of that name (the client then recovers
   * it, as after a network failure).
   */
  public static void closeConnection(String name) {
    String out = output("list_connections", "--no-table-headers", "pid", "client_properties");
    for (String line : out.split("\n")) {
      // client_properties holds {"connection_name","NAME"}
      if (line.contains("{\"connection_name\",\"" + name + "\"}")) {
        run("close_connection", line.trim().split("\\s+")[0], "closed by a test");
        return;
      }
    }
    throw new IllegalStateException("no connection named " + name + " in: " + out);
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

  private static String output(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
