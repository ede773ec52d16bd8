package dev.ferry.cli;

import dev.ferry.mover.engine.MoverUsageException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every error into one line on stderr and the documented exit code. Stack traces appear only
 * with {@code --debug}. Core modules throw their own domain exceptions; this is the one place that
 * maps them to exit codes.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private static final List<Map.Entry<Class<? extends Throwable>, Integer>> CODES =
      List.of(
          Map.entry(UsageException.class, ExitCode.USAGE),
          Map.entry(MoverUsageException.class, ExitCode.USAGE),
          Map.entry(InterruptedException.class, ExitCode.INTERRUPTED));

  private final FerryCommand root;

  ErrorReporter(FerryCommand root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println(prefix(cmd) + ": " + message(e));
    if (root.debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode(e);
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String help = cmd.getCommandSpec().qualifiedName() + " --help";
    err.println(prefix(cmd) + ": " + message(e) + " (see '" + help + "')");
    err.flush();
    return ExitCode.USAGE;
  }

  static int exitCode(Throwable e) {
    for (var entry : CODES) {
      if (entry.getKey().isInstance(e)) {
        return entry.getValue();
      }
    }
    return ExitCode.FAILED;
  }

  private static String prefix(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName();
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return m.lines().findFirst().orElse(m);
  }
}
