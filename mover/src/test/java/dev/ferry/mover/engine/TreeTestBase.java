package dev.ferry.mover.engine;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A temp dir with the conventional {@code src} and {@code dst} roots of a pass inside it. */
abstract class TreeTestBase {
  @TempDir Path tmp;

  Path src() {
    return tmp.resolve("src");
  }

  Path dst() {
    return tmp.resolve("dst");
  }
}
