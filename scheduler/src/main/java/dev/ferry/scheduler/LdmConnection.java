package dev.ferry.scheduler;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach LiveData Migrator.
 *
 * @param endpoint base URL, {@code http} or {@code https}, with a host and no credentials in it
 * @param username Basic-auth user, or null for no authentication
 * @param password the user's password; required when {@code username} is set, else null
 * @param timeout limit for each request (connect, send, wait for and read the answer)
 * @param insecure skip TLS certificate and host name verification
 * @param caCert an extra PEM CA certificate to trust, or null
 */
public record LdmConnection(
    URI endpoint,
    String username,
    Secret password,
    Duration timeout,
    boolean insecure,
    Path caCert) {

  public static final URI DEFAULT_ENDPOINT = URI.create("http://localhost:18080");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public LdmConnection {
    validateEndpoint(endpoint);
    if (username != null && username.isBlank()) {
      username = null;
    }
    if (username != null && password == null) {
      throw new SchedulerConfigException(
          "a username was given but no password"
              + " (use --password-file, FERRY_LDM_PASSWORD or --password)");
    }
    if (username == null && password != null) {
      throw new SchedulerConfigException(
          "a password was given but no username (use --username or FERRY_LDM_USERNAME)");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new SchedulerConfigException("the timeout must be a positive number of seconds");
    }
  }

  /** Parses and checks an endpoint URL given by the user. */
  public static URI parseEndpoint(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (java.net.URISyntaxException e) {
      throw new SchedulerConfigException(
          "malformed endpoint URL '" + redacted(text) + "': " + e.getReason());
    }
    validateEndpoint(uri);
    return uri;
  }

  private static void validateEndpoint(URI uri) {
    if (uri == null) {
      throw new SchedulerConfigException("no endpoint URL");
    }
    // Credentials in the URL would end up in --debug lines and error messages.
    if (uri.getRawUserInfo() != null) {
      throw new SchedulerConfigException(
          "the endpoint URL must not contain credentials; use --username and --password-file");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new SchedulerConfigException(
          "malformed endpoint URL '" + uri + "': it must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new SchedulerConfigException("malformed endpoint URL '" + uri + "': no host name");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new SchedulerConfigException(
          "malformed endpoint URL '" + uri + "': no query or fragment allowed");
    }
  }

  // Hides anything that looks like user:password@ in text that did not even parse as a URL.
  private static String redacted(String text) {
    return text.replaceAll("//[^/@]*@", "//***@");
  }

  public boolean authenticated() {
    return username != null;
  }

  public boolean https() {
    return endpoint.getScheme().equalsIgnoreCase("https");
  }
}
