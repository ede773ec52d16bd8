package dev.ferry.mover.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The per-file counters of one pass writing to one filesystem; see {@link MoverMetrics}. */
public final class PassMetrics {
  private final Counter copied;
  private final Counter skipped;
  private final Counter failed;
  private final Counter deleted;
  private final Counter copiedBytes;
  private final Counter skippedBytes;
  private final Counter directoriesCreated;

  PassMetrics(MeterRegistry registry, String pass, String filesystem) {
    copied = files(registry, pass, filesystem, "copied");
    skipped = files(registry, pass, filesystem, "skipped");
    failed = files(registry, pass, filesystem, "failed");
    deleted = files(registry, pass, filesystem, "deleted");
    copiedBytes = bytes(registry, "ferry.copied", "Bytes written to the target", pass, filesystem);
    skippedBytes =
        bytes(
            registry,
            "ferry.skipped",
            "Bytes of files found up to date and left alone",
            pass,
            filesystem);
    directoriesCreated =
        Counter.builder("ferry.created.directories")
            .description("Directories created on the target")
            .tags("pass", pass, "filesystem", filesystem)
            .register(registry);
  }

  private static Counter bytes(
      MeterRegistry registry, String name, String description, String pass, String fs) {
    return Counter.builder(name)
        .baseUnit("bytes")
        .description(description)
        .tags("pass", pass, "filesystem", fs)
        .register(registry);
  }

  private static Counter files(MeterRegistry registry, String pass, String fs, String result) {
    return Counter.builder("ferry.files")
        .description("Files (and other non-directory entries) handled, by result")
        .tags("pass", pass, "filesystem", fs, "result", result)
        .register(registry);
  }

  /** A file was copied (or a chunk of one: count the file once, its bytes per chunk). */
  public void fileCopied(long bytes) {
    copied.increment();
    copiedBytes.increment(bytes);
  }

  /** Bytes written without finishing a file: one chunk of a large file. */
  public void bytesCopied(long bytes) {
    copiedBytes.increment(bytes);
  }

  /** A file was up to date and left alone. */
  public void fileSkipped(long bytes) {
    skipped.increment();
    skippedBytes.increment(bytes);
  }

  /** A file could not be handled; it is reported by path elsewhere, never here. */
  public void fileFailed() {
    failed.increment();
  }

  /** An entry absent from the source was removed from the target. */
  public void fileDeleted() {
    deleted.increment();
  }

  /** A directory was created on the target. */
  public void directoryCreated() {
    directoriesCreated.increment();
  }
}
