package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.doctor.BrokerFindings;
import dev.ferry.cli.doctor.ComponentGraph;
import dev.ferry.cli.doctor.FilesystemProbe;
import dev.ferry.cli.doctor.Finding;
import dev.ferry.cli.doctor.FindingTable;
import dev.ferry.cli.doctor.Inventory;
import dev.ferry.cli.doctor.LdmProbe;
import dev.ferry.cli.doctor.LustreFindings;
import dev.ferry.cli.doctor.MountedFilesystem;
import dev.ferry.lustre.Lustre;
import dev.ferry.mover.amqp.BrokerSettings;
import dev.ferry.mover.amqp.NamedFilesystems;
import dev.ferry.mover.amqp.TopologyProbe;
import dev.ferry.scheduler.LdmConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry doctor}: checks every configured piece and says how to fix what fails. */
@Command(
    name = "doctor",
    sortOptions = false,
    description = {
      "Check each configured piece and print a table: a verdict per line and the fix.",
      "Checks: the config file, the broker and its queues, LiveData Migrator and its",
      "credentials, the Lustre library, and each [filesystems.NAME]: mounted (not an empty",
      "mount point), readable, and writable when write = true. Pieces that are not",
      "configured are shown as '-' and do not fail. Exit 0 only when no check fails."
    })
final class DoctorCommand implements Callable<Integer> {
  private final FerryCommand root;

  @Option(
      names = "--broker",
      paramLabel = "URI",
      description = "RabbitMQ URI (env FERRY_BROKER, config broker.uri).")
  String broker;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "LiveData Migrator endpoint (env FERRY_LDM_ENDPOINT, config ldm.endpoint).")
  String endpoint;

  @Option(
      names = "--graph",
      description = "Print the component wiring as a mermaid flowchart instead of checking.")
  boolean graph;

  DoctorCommand(FerryCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    List<Finding> findings = new ArrayList<>();
    Settings settings = loadSettings(findings);
    Inventory inventory = inventory(settings, findings);
    if (graph) {
      ComponentGraph.print(inventory, root.spec.commandLine().getOut());
      return ExitCode.OK;
    }
    findings.addAll(broker(settings, inventory));
    findings.add(ldm(settings, inventory));
    NamedFilesystems named =
        inventory.filesystems().isEmpty()
            ? NamedFilesystems.none()
            : BrokerOptions.filesystems(settings);
    for (MountedFilesystem fs : inventory.filesystems()) {
      findings.addAll(FilesystemProbe.probe(fs, mounted(named, fs)));
    }
    findings.addAll(lustre(settings, inventory));
    FindingTable.print(findings, root.spec.commandLine().getOut());
    return findings.stream().anyMatch(Finding::failed) ? ExitCode.FAILED : ExitCode.OK;
  }

  /** The config file, reported as the first line; a broken one leaves flags and environment. */
  private Settings loadSettings(List<Finding> findings) {
    try {
      Settings s = root.settings();
      findings.add(
          s.file()
              .map(f -> Finding.pass("config file parsed", f))
              .orElseGet(
                  () ->
                      Finding.skip(
                          "config file parsed",
                          "none given; looked for ./ferry.toml and ~/.ferry/config.toml")));
      List<String> unknown = s.unknownKeys();
      if (!unknown.isEmpty()) {
        findings.add(
            Finding.fail(
                "config keys known",
                "unknown, so ignored: " + String.join(", ", unknown),
                "correct or remove them (config/ferry.example.toml lists every key)"));
      }
      return s;
    } catch (UsageException e) {
      findings.add(
          Finding.fail(
              "config file parsed",
              e.getMessage(),
              "fix the file (see config/ferry.example.toml) or point --config elsewhere"));
      return Settings.of(root.env());
    }
  }

  private Inventory inventory(Settings s, List<Finding> findings) {
    Optional<String> ldm = s.string(endpoint, "FERRY_LDM_ENDPOINT", "ldm.endpoint");
    Optional<String> brokerUri = s.string(broker, "FERRY_BROKER", "broker.uri");
    OptionalInt metricsPort =
        s.resolve(null, "FERRY_METRICS_PORT", "metrics.port", MetricsOptions::port)
            .map(OptionalInt::of)
            .orElse(OptionalInt.empty());
    return new Inventory(
        s.file(), ldm, brokerUri.map(DoctorCommand::redact), filesystems(s, findings), metricsPort);
  }

  /** The {@code [filesystems.NAME]} tables; a malformed one is a failed finding, not a crash. */
  private static List<MountedFilesystem> filesystems(Settings s, List<Finding> findings) {
    List<MountedFilesystem> result = new ArrayList<>();
    try {
      BrokerOptions.filesystems(s); // the workers' own reading of the tables
    } catch (UsageException e) {
      findings.add(
          Finding.fail(
              "filesystems configured",
              e.getMessage(),
              "see [filesystems.NAME] in config/ferry.example.toml"));
      return result;
    }
    JsonNode tables = s.configNode("filesystems");
    for (Map.Entry<String, JsonNode> e : tables.properties()) {
      String name = e.getKey();
      JsonNode mount = e.getValue().path("mount");
      if (!mount.isTextual() || mount.asText().isBlank()) {
        findings.add(
            Finding.fail(
                "filesystem " + name + " configured",
                "[filesystems." + name + "] has no mount",
                "add mount = \"/absolute/path\""));
        continue;
      }
      boolean write = e.getValue().path("write").asBoolean(false);
      result.add(new MountedFilesystem(name, Path.of(mount.asText()), write));
    }
    return result;
  }

  /** Mounted as a worker would see it: the mover's own check, with a fix added. */
  private static Finding mounted(NamedFilesystems named, MountedFilesystem fs) {
    String check = "filesystem " + fs.name() + " mounted";
    try {
      named.resolve(fs.name() + ":/", false);
      return Finding.pass(check, fs.mount().toString());
    } catch (NamedFilesystems.RefusedException e) {
      return Finding.fail(
          check,
          e.getMessage(),
          "mount it at " + fs.mount() + " (or set require_mount = false for a plain directory)");
    }
  }

  private List<Finding> broker(Settings s, Inventory inventory) {
    if (inventory.broker().isEmpty()) {
      return List.of(
          Finding.skip("broker reachable", "no broker (--broker, FERRY_BROKER, [broker] uri)"));
    }
    BrokerSettings settings;
    try {
      BrokerOptions options = new BrokerOptions();
      options.uri = broker;
      settings = options.required(s);
    } catch (UsageException e) {
      return List.of(Finding.fail("broker reachable", e.getMessage(), "fix the [broker] settings"));
    }
    return BrokerFindings.of(TopologyProbe.probe(settings));
  }

  private Finding ldm(Settings s, Inventory inventory) {
    String check = "ldm reachable, credentials accepted";
    if (inventory.ldmEndpoint().isEmpty()) {
      return Finding.skip(check, "no LDM endpoint (--endpoint, FERRY_LDM_ENDPOINT, ldm.endpoint)");
    }
    LdmConnection connection;
    try {
      // The same resolution as ferry schedule: flags there, environment and [ldm] here.
      ScheduleCommand schedule = new ScheduleCommand(root);
      schedule.endpoint = inventory.ldmEndpoint().get();
      connection = ScheduleSettings.connection(schedule, s);
    } catch (RuntimeException e) {
      return Finding.fail(check, e.getMessage(), "fix the [ldm] settings");
    }
    return LdmProbe.probe(connection);
  }

  private static List<Finding> lustre(Settings s, Inventory inventory) {
    LustreSettings lustre = new LustreSettings(s);
    try {
      boolean loaded = Lustre.load(lustre.library()).available();
      List<String> names = inventory.filesystems().stream().map(MountedFilesystem::name).toList();
      return LustreFindings.of(lustre.diagnose(), names, loaded);
    } catch (RuntimeException e) {
      return List.of(
          Finding.fail(
              "lustre settings",
              e.getMessage(),
              "fix [lustre] mode or lustre = true|false|auto in [filesystems.NAME]"));
    }
  }

  /** Drops user and password from a URI; a secret never reaches the table or the graph. */
  static String redact(String uri) {
    return uri.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^@/]*@", "$1");
  }
}
