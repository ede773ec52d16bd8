package dev.ferry.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The metrics of one ferry process: the registry core code records into, and the {@code /metrics}
 * endpoint when one was asked for. Without an endpoint the registry records nothing, so core code
 * never has to ask whether metrics are on.
 */
final class Telemetry implements AutoCloseable {
  private final MeterRegistry registry;
  private final MetricsEndpoint endpoint;
  private final JvmGcMetrics gc;
  private final String host;

  private Telemetry(
      MeterRegistry registry, MetricsEndpoint endpoint, JvmGcMetrics gc, String host) {
    this.registry = registry;
    this.endpoint = endpoint;
    this.gc = gc;
    this.host = host;
  }

  /** No endpoint; meters accept every call and keep nothing. */
  static Telemetry off() {
    return new Telemetry(new CompositeMeterRegistry(), null, null, null);
  }

  /**
   * A Prometheus registry with the JVM and process binders, served on {@code address}. A port that
   * cannot be bound is a configuration error.
   */
  static Telemetry serve(InetSocketAddress address) {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(prometheus);
    new JvmMemoryMetrics().bindTo(prometheus);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(prometheus);
    new JvmThreadMetrics().bindTo(prometheus);
    new ProcessorMetrics().bindTo(prometheus);
    new UptimeMetrics().bindTo(prometheus);
    new FileDescriptorMetrics().bindTo(prometheus);
    try {
      return new Telemetry(
          prometheus, MetricsEndpoint.start(prometheus, address), gc, address.getHostString());
    } catch (IOException e) {
      gc.close();
      prometheus.close();
      throw new UsageException(
          "cannot serve metrics on " + describe(address) + ": " + e.getMessage(), e);
    }
  }

  /** Where core code records its meters. */
  MeterRegistry registry() {
    return registry;
  }

  /** The bound endpoint address, when metrics are served. */
  Optional<InetSocketAddress> address() {
    return Optional.ofNullable(endpoint).map(MetricsEndpoint::address);
  }

  /** The scrape URL, when metrics are served: the host as configured, the port as bound. */
  Optional<String> url() {
    return address()
        .map(
            a ->
                "http://"
                    + describe(new InetSocketAddress(host, a.getPort()))
                    + MetricsEndpoint.PATH);
  }

  private static String describe(InetSocketAddress a) {
    String host = a.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /**
   * After a short run: keeps serving until Prometheus has taken one more scrape (so the final
   * totals are recorded), at most {@code patience}. Returns at once when metrics are off.
   */
  void awaitFinalScrape(Duration patience) throws InterruptedException {
    if (endpoint != null && !patience.isZero()) {
      endpoint.awaitNextScrape(patience);
    }
  }

  @Override
  public void close() {
    if (endpoint != null) {
      endpoint.close();
    }
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
