package dev.ferry.mover.metrics;

import dev.ferry.mover.task.Counter;
import dev.ferry.mover.task.Pass;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The counters of one pass writing to one filesystem, mirroring the mover's own {@link Counter}s
 * one to one, so the exported totals equal the run's summary:
 *
 * <ul>
 *   <li>{@code ferry_files_total{result}}: copied, linked, skipped, excluded, deleted, different,
 *       failed
 *   <li>{@code ferry_copied_bytes_total} (for the verify pass: {@code ferry_verified_bytes_total})
 *   <li>{@code ferry_scanned_entries_total}, {@code ferry_created_directories_total}, {@code
 *       ferry_updated_directories_total}
 * </ul>
 */
public final class PassMetrics {
  private final Map<Counter, io.micrometer.core.instrument.Counter> meters =
      new EnumMap<>(Counter.class);

  PassMetrics(MeterRegistry registry, Pass pass, String filesystem) {
    String passLabel = pass.name().toLowerCase(Locale.ROOT);
    for (Counter c : Counter.values()) {
      meters.put(c, meter(registry, c, pass, passLabel, filesystem));
    }
  }

  /** Adds what a handler counted. */
  public void count(Counter counter, long delta) {
    meters.get(counter).increment(delta);
  }

  private static io.micrometer.core.instrument.Counter meter(
      MeterRegistry registry, Counter c, Pass pass, String passLabel, String filesystem) {
    io.micrometer.core.instrument.Counter.Builder b =
        switch (c) {
          case SCANNED -> builder("ferry.scanned.entries", "Source entries listed");
          case DIRS_CREATED -> builder("ferry.created.directories", "Directories created");
          case DIRS_UPDATED ->
              builder("ferry.updated.directories", "Directories whose metadata or times were set");
          case BYTES ->
              pass == Pass.VERIFY
                  ? builder("ferry.verified", "Bytes of file content compared").baseUnit("bytes")
                  : builder("ferry.copied", "Bytes of file content written").baseUnit("bytes");
          default ->
              builder("ferry.files", "Files and other non-directory entries, by result")
                  .tag("result", c.name().toLowerCase(Locale.ROOT));
        };
    return b.tags("pass", passLabel, "filesystem", filesystem).register(registry);
  }

  private static io.micrometer.core.instrument.Counter.Builder builder(String name, String help) {
    return io.micrometer.core.instrument.Counter.builder(name).description(help);
  }
}
