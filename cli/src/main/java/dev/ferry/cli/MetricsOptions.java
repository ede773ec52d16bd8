package dev.ferry.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --metrics-port} for long-running commands ({@code worker}, embedded {@code copy}/{@code
 * sync}, {@code schedule --watch}). Settings: flag, {@code FERRY_METRICS_PORT}, config {@code
 * metrics.port}; the bind address from {@code FERRY_METRICS_ADDRESS} or {@code metrics.address}
 * (default: every interface, so Prometheus can scrape from another host).
 */
final class MetricsOptions {
  static final String DEFAULT_ADDRESS = "0.0.0.0";

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve Prometheus metrics on http://HOST:PORT/metrics while running"
              + " (env FERRY_METRICS_PORT, config metrics.port; default: off).")
  Integer port;

  @Option(
      names = "--metrics-linger",
      paramLabel = "INTERVAL",
      converter = IntervalConverter.class,
      description =
          "After the run, keep serving until the next scrape, at most INTERVAL (e.g. 30s), so"
              + " the final totals of a short run are recorded (config metrics.linger).")
  Duration linger;

  /** How long a finished run waits for its final scrape; zero when not configured. */
  Duration linger(Settings settings) {
    return settings
        .resolve(linger, null, "metrics.linger", MetricsOptions::interval)
        .orElse(Duration.ZERO);
  }

  private static Duration interval(String raw) {
    try {
      return new IntervalConverter().convert(raw);
    } catch (TypeConversionException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Whether a port is configured (flag, environment or config file), so metrics are served. */
  boolean configured(Settings settings) {
    Integer flag = port == null ? null : checkedFlag(port);
    return settings
        .resolve(flag, "FERRY_METRICS_PORT", "metrics.port", MetricsOptions::port)
        .isPresent();
  }

  /**
   * Starts the endpoint when a port is configured (and says where on {@code err}), else returns
   * metrics that record nothing.
   */
  Telemetry open(Settings settings, PrintWriter err) {
    Integer flag = port == null ? null : checkedFlag(port);
    var configured =
        settings.resolve(flag, "FERRY_METRICS_PORT", "metrics.port", MetricsOptions::port);
    if (configured.isEmpty()) {
      return Telemetry.off();
    }
    String host =
        settings.string(null, "FERRY_METRICS_ADDRESS", "metrics.address").orElse(DEFAULT_ADDRESS);
    Telemetry telemetry = Telemetry.serve(new InetSocketAddress(host, configured.get()));
    err.println("ferry: serving metrics on " + telemetry.url().orElseThrow());
    err.flush();
    return telemetry;
  }

  private static int checkedFlag(int p) {
    try {
      return port(Integer.toString(p));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--metrics-port: " + e.getMessage(), e);
    }
  }

  static int port(String raw) {
    int p;
    try {
      p = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metrics port must be a number, not '" + raw + "'");
    }
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("metrics port must be 0..65535, not " + p);
    }
    return p;
  }
}
