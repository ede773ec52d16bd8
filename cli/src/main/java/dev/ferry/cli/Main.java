package dev.ferry.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import picocli.CommandLine;

/** Entry point; the only place that may exit the process. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Charset cs = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
    System.exit(run(out, err, System.getenv(), args));
  }

  /** Runs one ferry command line with the given streams and environment; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
    CommandLine cl = commandLine(env, args);
    cl.setOut(out).setErr(err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command line with every subcommand, for help and documentation. */
  static CommandLine commandLine(Map<String, String> env) {
    return commandLine(env, "--help");
  }

  /** The command line with the subcommands {@code args} may need. */
  static CommandLine commandLine(Map<String, String> env, String... args) {
    FerryCommand root = new FerryCommand(env);
    CommandLine cl = new CommandLine(root, new CommandFactory(root));
    for (Class<?> sub : FerryCommand.subcommandsFor(args)) {
      cl.addSubcommand(sub);
    }
    ErrorReporter reporter = new ErrorReporter(root);
    cl.setExecutionExceptionHandler(reporter);
    cl.setParameterExceptionHandler(reporter);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }
}
