package dev.ferry.mover.lustre;

import dev.ferry.lustre.LustreMode;
import dev.ferry.lustre.LustrePolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * The Lustre settings of one copy or sync, resolved by the command line.
 *
 * @param policy the run-wide mode ({@code FERRY_LUSTRE})
 * @param source the source filesystem's {@code lustre} setting
 * @param target the target filesystem's {@code lustre} setting
 * @param placement MDT placement of first-level directories
 * @param library liblustreapi to load ({@code FERRY_LUSTREAPI}); empty: the default names
 */
public record LustreOptions(
    LustrePolicy policy,
    LustreMode source,
    LustreMode target,
    MdtPlacement placement,
    Optional<String> library) {
  /** Detect Lustre with statfs, no MDT placement, the default library. */
  public static final LustreOptions DEFAULT =
      new LustreOptions(
          LustrePolicy.AUTO, LustreMode.AUTO, LustreMode.AUTO, MdtPlacement.NONE, Optional.empty());

  public LustreOptions {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(library, "library");
  }
}
