package dev.ferry.cli;

import dev.ferry.mover.engine.PassConfig;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.lustre.LustreCreators;
import dev.ferry.mover.lustre.LustreOptions;
import dev.ferry.mover.report.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The Lustre flags of {@code copy} and {@code sync}: {@code @Mixin LustreOptionsMixin lustre;} then
 * {@code lustre.resolve(root.settings(), sourceFs, targetFs)}.
 */
final class LustreOptionsMixin {
  @Option(
      names = "--mdt-rr",
      paramLabel = "LIST",
      description =
          "On a Lustre target, create first-level directories round-robin over these MDT"
              + " indexes (e.g. 0,1); -1 lets Lustre balance them (env FERRY_MDT_RR, config"
              + " lustre.mdt_rr).")
  String mdtRr;

  @Option(
      names = "--mdt-preserve",
      description =
          "On a Lustre target, create each first-level directory on the MDT its source lives on"
              + " (config lustre.mdt_preserve).")
  boolean mdtPreserve;

  /**
   * The target creator of a copy: Lustre-aware where the settings and the filesystems say so; a
   * root under a configured filesystem's mount takes that filesystem's {@code lustre} setting.
   * Warnings (the library missing, a pool missing) go to stderr, once each.
   */
  TargetCreator creator(Settings settings, PassConfig cfg, Console console) {
    LustreSettings lustre = new LustreSettings(settings);
    LustreOptions options =
        lustre.options(
            lustre.filesystemHolding(cfg.source()),
            lustre.filesystemHolding(cfg.target()),
            mdtRr,
            mdtPreserve);
    try {
      return LustreCreators.forCopy(
          options, cfg.source(), cfg.target(), w -> console.line(true, "warning: " + w));
    } catch (IOException e) {
      // A missing root is reported by the mover itself, in one line; say nothing twice.
      if (Files.exists(cfg.source()) && Files.exists(cfg.target())) {
        console.line(true, "warning: " + e.getMessage() + "; copying as plain POSIX");
      }
      return new PosixTargetCreator();
    }
  }

  /**
   * The options a distributed job carries, for {@code source} and {@code target} as typed ({@code
   * NAME:/path} or a path): each side's mode as this node's settings give it, and the placement.
   */
  LustreOptions forJob(Settings settings, Path source, Path target) {
    LustreSettings lustre = new LustreSettings(settings);
    return lustre.options(
        lustre.filesystemNamed(source.toString()),
        lustre.filesystemNamed(target.toString()),
        mdtRr,
        mdtPreserve);
  }

  /** The run's Lustre options; {@code sourceFs}/{@code targetFs} null for plain paths. */
  LustreOptions resolve(Settings settings, String sourceFs, String targetFs) {
    return new LustreSettings(settings).options(sourceFs, targetFs, mdtRr, mdtPreserve);
  }
}
