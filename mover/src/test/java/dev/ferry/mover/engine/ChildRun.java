package dev.ferry.mover.engine;

import dev.ferry.mover.fs.RawPaths;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.task.Pass;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs one pass in a separate JVM, for tests that need another locale, no {@code --add-opens}, or
 * another user: {@code ChildRun PASS SRC DST}. Prints the summary and which raw-path route was
 * used; exits 0 clean, 1 not clean, 2 refused.
 */
public final class ChildRun {
  private ChildRun() {}

  public static void main(String[] args) throws Exception {
    Runs r =
        Runs.of(Path.of(args[1]), Path.of(args[2]), Pass.valueOf(args[0].toUpperCase(Locale.ROOT)));
    r.threads = 2;
    try {
      RunSummary s = r.run();
      System.out.println("direct=" + RawPaths.direct());
      System.out.println(r.out);
      System.out.println(r.err);
      System.exit(s.clean() ? 0 : 1);
    } catch (MoverUsageException e) {
      System.out.println(e.getMessage());
      System.exit(2);
    }
  }
}
