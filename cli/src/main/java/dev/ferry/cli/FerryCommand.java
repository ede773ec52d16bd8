package dev.ferry.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: global options, shared by every subcommand, and the list of subcommands ({@link
 * #SUBCOMMANDS}; {@link Main} registers them, see {@link #subcommandsFor}).
 */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Moves very large data sets between filesystems: a LiveData Migrator",
      "scheduler (schedule) and a parallel copier (copy, delete, dirtimes, sync,",
      "verify), in-process or over RabbitMQ (worker, status, cancel, monitor).",
      "",
    },
    footer = {
      "",
      "Exit codes:",
      "  0    all done",
      "  1    finished, but some items failed",
      "  2    usage or configuration error; nothing was changed",
      "  3    an external service (LDM, the broker) unreachable or refusing",
      "  4    another instance holds the lock",
      "  130  interrupted",
    })
final class FerryCommand implements Runnable {
  /** Every subcommand, in the order help lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ScheduleCommand.class,
          CopyCommand.class,
          DeleteCommand.class,
          DirtimesCommand.class,
          SyncCommand.class,
          VerifyCommand.class,
          WorkerCommand.class,
          StatusCommand.class,
          CancelCommand.class,
          MonitorCommand.class,
          DoctorCommand.class,
          HelpCommand.class,
          AutoComplete.GenerateCompletion.class);

  /** Subcommands that need the others registered: they list or describe them. */
  private static final Set<Class<?>> NEED_ALL =
      Set.of(HelpCommand.class, AutoComplete.GenerateCompletion.class);

  private static final Set<String> VERSION = Set.of("--version", "-V");
  private final Map<String, String> env;
  private Settings settings;

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Config file (TOML). Default: $FERRY_CONFIG, ./ferry.toml, ~/.ferry/config.toml.")
  Path config;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print details of each step and stack traces of errors (never secrets).")
  boolean debug;

  FerryCommand(Map<String, String> env) {
    this.env = env;
  }

  /** The resolved settings source, loaded once on first use. */
  Settings settings() {
    if (settings == null) {
      Path cwd = Path.of("").toAbsolutePath();
      Path home = Path.of(System.getProperty("user.home"));
      settings = Settings.load(config, env, cwd, home);
      List<String> unknown = settings.unknownKeys();
      if (!unknown.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "ferry: warning: "
                    + settings.file().orElse("config")
                    + ": ignoring unknown keys "
                    + String.join(", ", unknown)
                    + " (config/ferry.example.toml lists every key)");
      }
    }
    return settings;
  }

  /** The process environment as this run sees it. */
  Map<String, String> env() {
    return env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The subcommands to register for this command line: only the one it names when that one does not
   * need the others, else all of them. picocli builds the model of every registered subcommand up
   * front (about 0.2 s of start-up for all of them on a 2-core machine), and a cron re-run of
   * {@code ferry copy} uses one.
   */
  static List<Class<?>> subcommandsFor(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--debug") || a.startsWith("--config=")) {
        continue;
      }
      if (a.equals("--config")) {
        i++;
        continue;
      }
      if (VERSION.contains(a)) {
        return List.of();
      }
      for (Class<?> c : SUBCOMMANDS) {
        if (!NEED_ALL.contains(c) && c.getAnnotation(Command.class).name().equals(a)) {
          return List.of(c);
        }
      }
      break;
    }
    return SUBCOMMANDS;
  }
}
