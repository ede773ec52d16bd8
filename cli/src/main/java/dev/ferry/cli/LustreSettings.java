package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.lustre.Lustre;
import dev.ferry.lustre.LustreDiagnosis;
import dev.ferry.lustre.LustreMode;
import dev.ferry.lustre.LustrePolicy;
import dev.ferry.mover.lustre.LustreOptions;
import dev.ferry.mover.lustre.MdtPlacement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Resolves the Lustre settings (flag &gt; environment &gt; config file &gt; default) into the
 * records the mover takes. Keys: {@code FERRY_LUSTRE} / {@code lustre.mode} ({@code
 * force|off|auto}), {@code FERRY_LUSTREAPI} / {@code lustre.library}, {@code --mdt-rr} / {@code
 * FERRY_MDT_RR} / {@code lustre.mdt_rr}, {@code --mdt-preserve} / {@code lustre.mdt_preserve}, and
 * {@code lustre = true|false|auto} in each {@code [filesystems.NAME]}.
 */
final class LustreSettings {
  static final String MODE_ENV = "FERRY_LUSTRE";
  static final String MDT_RR_ENV = "FERRY_MDT_RR";

  private final Settings settings;

  LustreSettings(Settings settings) {
    this.settings = settings;
  }

  /** The run-wide policy: {@code FERRY_LUSTRE}, else {@code lustre.mode}, else auto. */
  LustrePolicy policy() {
    return settings
        .resolve(null, MODE_ENV, "lustre.mode", LustreMode::parse)
        .map(LustrePolicy::new)
        .orElse(LustrePolicy.AUTO);
  }

  /** The library to load, when not the default names. */
  Optional<String> library() {
    return settings.string(null, Lustre.LIBRARY_ENV, "lustre.library");
  }

  /** The {@code lustre} setting of a named filesystem; auto for plain paths (null). */
  LustreMode filesystem(String name) {
    if (name == null) {
      return LustreMode.AUTO;
    }
    return settings
        .resolve(null, null, "filesystems." + name + ".lustre", LustreMode::parse)
        .orElse(LustreMode.AUTO);
  }

  /** MDT placement from the flags, else {@code FERRY_MDT_RR}, else the config file. */
  MdtPlacement placement(String mdtRrFlag, boolean mdtPreserveFlag) {
    if (mdtRrFlag != null && mdtPreserveFlag) {
      throw new UsageException("--mdt-rr and --mdt-preserve exclude each other");
    }
    if (mdtPreserveFlag) {
      return MdtPlacement.PRESERVE;
    }
    if (mdtRrFlag != null) {
      return parse(mdtRrFlag, "--mdt-rr");
    }
    Optional<String> env = settings.env(MDT_RR_ENV);
    if (env.isPresent()) {
      return parse(env.get(), MDT_RR_ENV);
    }
    JsonNode rr = settings.configNode("lustre.mdt_rr");
    boolean preserve = settings.configNode("lustre.mdt_preserve").asBoolean(false);
    if (!rr.isMissingNode() && preserve) {
      throw new UsageException("config: lustre.mdt_rr and lustre.mdt_preserve exclude each other");
    }
    if (!rr.isMissingNode()) {
      return parse(rr.isArray() ? joined(rr) : rr.asText(), "config: lustre.mdt_rr");
    }
    return preserve ? MdtPlacement.PRESERVE : MdtPlacement.NONE;
  }

  /**
   * The name of the configured filesystem whose {@code mount} holds {@code path} (the deepest one),
   * so a copy between plain paths still honours that filesystem's {@code lustre} setting.
   */
  String filesystemHolding(Path path) {
    Path p = path.toAbsolutePath().normalize();
    String best = null;
    int depth = -1;
    for (Map.Entry<String, JsonNode> e : settings.configNode("filesystems").properties()) {
      JsonNode mount = e.getValue().path("mount");
      if (!mount.isTextual() || mount.asText().isBlank()) {
        continue;
      }
      Path m = Path.of(mount.asText()).toAbsolutePath().normalize();
      if (p.startsWith(m) && m.getNameCount() > depth) {
        best = e.getKey();
        depth = m.getNameCount();
      }
    }
    return best;
  }

  /**
   * The configured filesystem a location as typed names: {@code NAME} of {@code NAME:/path}, else
   * the one whose mount holds the path; null for neither.
   */
  String filesystemNamed(String location) {
    int colon = location.indexOf(':');
    if (!location.startsWith("/") && colon > 0) {
      return location.substring(0, colon);
    }
    return filesystemHolding(Path.of(location));
  }

  /** Everything a copy between two filesystems (null: plain paths) needs. */
  LustreOptions options(String sourceFs, String targetFs, String mdtRr, boolean mdtPreserve) {
    return new LustreOptions(
        policy(),
        filesystem(sourceFs),
        filesystem(targetFs),
        placement(mdtRr, mdtPreserve),
        library());
  }

  /** The library (loaded now) and each {@code [filesystems.NAME]} with a mount, for doctor. */
  List<LustreDiagnosis.Line> diagnose() {
    List<LustreDiagnosis.Filesystem> filesystems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : settings.configNode("filesystems").properties()) {
      JsonNode mount = e.getValue().path("mount");
      if (mount.isTextual() && !mount.asText().isBlank()) {
        filesystems.add(
            new LustreDiagnosis.Filesystem(
                e.getKey(), Path.of(mount.asText()), filesystem(e.getKey())));
      }
    }
    return LustreDiagnosis.check(Lustre.load(library()), policy(), filesystems);
  }

  private static String joined(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .collect(Collectors.joining(","));
  }

  private static MdtPlacement parse(String list, String where) {
    try {
      return MdtPlacement.roundRobin(list);
    } catch (IllegalArgumentException e) {
      throw new UsageException(where + ": " + e.getMessage(), e);
    }
  }
}
