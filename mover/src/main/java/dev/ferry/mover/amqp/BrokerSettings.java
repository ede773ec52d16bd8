package dev.ferry.mover.amqp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the broker and how patient to be with it.
 *
 * @param uri an {@code amqp://} or {@code amqps://} URI; may carry credentials, so never print it
 *     (use {@link #redactedUri()})
 * @param topology the names of the queues and the stream this installation uses
 * @param connectPatience how long to keep retrying the first connection (automatic recovery only
 *     covers connections that once succeeded)
 * @param recoveryInterval the pause between automatic recovery attempts
 * @param confirmTimeout how long to wait for the broker to confirm one batch of publications
 * @param publishPatience how long a publication keeps being retried across broker outages
 */
public record BrokerSettings(
    String uri,
    Topology topology,
    Duration connectPatience,
    Duration recoveryInterval,
    Duration confirmTimeout,
    Duration publishPatience) {

  public BrokerSettings {
    Objects.requireNonNull(topology, "topology");
    validateUri(uri);
    requirePositive(connectPatience, "connectPatience");
    requirePositive(recoveryInterval, "recoveryInterval");
    requirePositive(confirmTimeout, "confirmTimeout");
    requirePositive(publishPatience, "publishPatience");
  }

  /** Production defaults: a minute for the first connection, ten minutes across outages. */
  public static BrokerSettings of(String uri, Topology topology) {
    return new BrokerSettings(
        uri,
        topology,
        Duration.ofSeconds(60),
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10));
  }

  public BrokerSettings withConnectPatience(Duration patience) {
    return new BrokerSettings(
        uri, topology, patience, recoveryInterval, confirmTimeout, publishPatience);
  }

  public BrokerSettings withPublishPatience(Duration patience) {
    return new BrokerSettings(
        uri, topology, connectPatience, recoveryInterval, confirmTimeout, patience);
  }

  /** The URI without its user information, fit for messages. */
  public String redactedUri() {
    return redact(uri);
  }

  /** Removes user and password from an AMQP URI (or returns a placeholder when unparsable). */
  public static String redact(String uri) {
    try {
      URI u = new URI(uri);
      if (u.getRawUserInfo() == null) {
        return uri;
      }
      String port = u.getPort() < 0 ? "" : ":" + u.getPort();
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      return u.getScheme() + "://" + u.getHost() + port + path;
    } catch (URISyntaxException e) {
      return "<unparsable broker URI>";
    }
  }

  private static void validateUri(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("the broker URI is empty");
    }
    URI u;
    try {
      u = new URI(uri.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the broker URI is not a valid URI: " + redact(uri));
    }
    String scheme = u.getScheme();
    if (!"amqp".equalsIgnoreCase(scheme) && !"amqps".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException(
          "the broker URI must start with amqp:// or amqps://, not " + redact(uri));
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException("the broker URI names no host: " + redact(uri));
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
