package dev.ferry.cli;

import dev.ferry.mover.lustre.LustreOptions;
import picocli.CommandLine.Option;

/**
 * The Lustre flags of {@code copy} and {@code sync}: {@code @Mixin LustreOptionsMixin lustre;} then
 * {@code lustre.resolve(root.settings(), sourceFs, targetFs)}.
 */
final class LustreOptionsMixin {
  @Option(
      names = "--mdt-rr",
      paramLabel = "LIST",
      description = {
        "On a Lustre target, create first-level directories round-robin over these MDT",
        "indexes (e.g. 0,1); -1 lets Lustre balance them (env FERRY_MDT_RR, config",
        "lustre.mdt_rr)."
      })
  String mdtRr;

  @Option(
      names = "--mdt-preserve",
      description = {
        "On a Lustre target, create each first-level directory on the MDT its source",
        "lives on (config lustre.mdt_preserve)."
      })
  boolean mdtPreserve;

  /** The run's Lustre options; {@code sourceFs}/{@code targetFs} null for plain paths. */
  LustreOptions resolve(Settings settings, String sourceFs, String targetFs) {
    return new LustreSettings(settings).options(sourceFs, targetFs, mdtRr, mdtPreserve);
  }
}
