package dev.ferry.lustre;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which filesystems a run handles as Lustre. The run-wide mode ({@code FERRY_LUSTRE}) wins when it
 * is {@code ON} or {@code OFF}; under {@code AUTO} each filesystem's own setting ({@code lustre =
 * true|false|auto} in the config) decides, and {@code AUTO} there means "ask statfs".
 *
 * @param runWide the mode for the whole run
 */
public record LustrePolicy(LustreMode runWide) {
  /** Detect every filesystem with statfs. */
  public static final LustrePolicy AUTO = new LustrePolicy(LustreMode.AUTO);

  public LustrePolicy {
    Objects.requireNonNull(runWide, "runWide");
  }

  /** The mode that applies to a filesystem configured with {@code configured}. */
  public LustreMode effective(LustreMode configured) {
    return runWide == LustreMode.AUTO ? configured : runWide;
  }

  /** Whether the filesystem holding {@code root} is handled as Lustre. */
  public boolean treatsAsLustre(Path root, LustreMode configured) throws IOException {
    return switch (effective(configured)) {
      case ON -> true;
      case OFF -> false;
      case AUTO -> Lustre.isLustre(root);
    };
  }
}
