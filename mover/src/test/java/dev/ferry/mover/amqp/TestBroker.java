package dev.ferry.mover.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * Finds the RabbitMQ broker that broker tests run against: {@code RABBITMQ_URI}, else a
 * Testcontainers broker when Docker is available, else {@code amqp://guest:guest@127.0.0.1:5672}.
 * When none answers, the calling test fails with a loud message that says how to provide one: a
 * skipped broker test would prove nothing, on a developer's machine as in CI.
 */
public final class TestBroker {
  /** The broker a developer machine or CI host runs locally. */
  public static final String LOCAL_URI = "amqp://guest:guest@127.0.0.1:5672/%2F";

  private static final String DOCKER_IMAGE = "rabbitmq:3.13-management";
  private static Optional<String> located;
  private static String failure;

  private TestBroker() {}

  /** The broker URI for this JVM's tests, located once; fails the caller if none. */
  public static synchronized String uri() {
    if (located == null) {
      try {
        located = Optional.of(locate(System.getenv(), TestBroker::dockerBroker));
      } catch (RuntimeException | Error e) {
        located = Optional.empty();
        failure = e.getMessage();
        throw e;
      }
    }
    if (located.isEmpty()) {
      giveUp(failure);
    }
    return located.get();
  }

  /** A name no other test (or other run on a shared broker) uses. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
  }

  /**
   * The first broker that answers, among {@code RABBITMQ_URI}, the one {@code docker} starts (if
   * any) and the local default; fails the caller when none does.
   */
  static String locate(Map<String, String> env, Supplier<Optional<String>> docker) {
    List<String> tried = new ArrayList<>();
    String explicit = env.get("RABBITMQ_URI");
    if (explicit != null && !explicit.isBlank()) {
      if (answers(explicit, tried)) {
        return explicit;
      }
    } else {
      Optional<String> container = docker.get();
      if (container.isPresent() && answers(container.get(), tried)) {
        return container.get();
      }
      if (container.isEmpty()) {
        tried.add("Docker (not available)");
      }
      if (answers(LOCAL_URI, tried)) {
        return LOCAL_URI;
      }
    }
    giveUp("no RabbitMQ broker answers; tried " + String.join(", ", tried));
    throw new AssertionError("unreachable");
  }

  private static void giveUp(String why) {
    String message =
        "*** BROKER TEST FAILED: "
            + why
            + ". Set RABBITMQ_URI or start RabbitMQ on 127.0.0.1:5672 (rabbitmq-server -detached). ***";
    System.err.println(message);
    Assertions.fail(message);
  }

  private static boolean answers(String uri, List<String> tried) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(uri);
      factory.setConnectionTimeout(3000);
      factory.setAutomaticRecoveryEnabled(false);
      try (Connection c = factory.newConnection("ferry-test-probe")) {
        return c.isOpen();
      }
    } catch (Exception e) {
      tried.add(BrokerSettings.redact(uri) + " (" + e.getClass().getSimpleName() + ")");
      return false;
    }
  }

  private static Optional<String> dockerBroker() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return Optional.empty();
    }
    @SuppressWarnings("resource") // Testcontainers' reaper stops it when the JVM exits.
    RabbitMQContainer container = new RabbitMQContainer(DOCKER_IMAGE);
    container.start();
    return Optional.of(container.getAmqpUrl());
  }
}
