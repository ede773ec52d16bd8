package dev.ferry.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes a real embedded {@code ferry copy --metrics-port} run of the packaged binary and checks
 * that the exported counters equal what really landed on disk, and the run's own summary.
 */
class CopyMetricsTest {
  private static final String COPY = "{filesystem=\"root\",pass=\"copy\"";

  @TempDir Path dir;

  private static String files(String result) {
    return "ferry_files_total" + COPY + ",result=\"" + result + "\"}";
  }

  @Test
  void countersEqualWhatWasCopied() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Random random = new Random(42);
    long bytes = 0;
    int files = 0;
    for (int d = 0; d < 5; d++) {
      Path sub = Files.createDirectories(src.resolve("d" + d).resolve("e"));
      for (int f = 0; f < 20; f++) {
        byte[] content = new byte[random.nextInt(50_000)];
        random.nextBytes(content);
        Files.write((f % 2 == 0 ? sub : sub.getParent()).resolve("f" + f), content);
        bytes += content.length;
        files++;
      }
    }
    Path dst = dir.resolve("dst");

    MoverRun first = MoverRun.run(dir, "copy", src, dst);
    first.assertOk();
    assertEquals(files, regularFiles(dst));
    assertEquals(bytes, sizes(dst));
    assertEquals(files, first.sample(files("copied")));
    assertEquals(first.count("copied"), (long) first.sample(files("copied")));
    assertEquals(bytes, first.sample("ferry_copied_bytes_total" + COPY + "}"));
    assertEquals(
        first.count("bytes"), (long) first.sample("ferry_copied_bytes_total" + COPY + "}"));
    assertEquals(0, first.sample(files("failed")));
    assertEquals(0, first.sample(files("skipped")));
    assertEquals(
        first.count("dirsCreated"),
        (long) first.sample("ferry_created_directories_total" + COPY + "}"));
    assertEquals(
        first.count("scanned"), (long) first.sample("ferry_scanned_entries_total" + COPY + "}"));
    assertEquals(0, first.sample("ferry_tasks_in_flight"));
    // 1 + 5 + 5 directories of at most 10 files: each directory task copies its own files.
    assertEquals(11, first.sample("ferry_tasks_total{result=\"ok\",type=\"directory\"}"));
    assertTrue(first.scrape().contains("process_cpu_usage"), "process metrics are served too");

    MoverRun again = MoverRun.run(dir, "copy", src, dst);
    again.assertOk();
    assertEquals(0, again.sample(files("copied")));
    assertEquals(files, again.sample(files("skipped")));
    assertEquals(0, again.sample("ferry_copied_bytes_total" + COPY + "}"));
  }

  private static long regularFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  private static long sizes(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sum();
    }
  }
}
