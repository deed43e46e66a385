package io.vigil.cli.common;

import io.vigil.api.VigilException;
import java.io.PrintWriter;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Turns failures into a one-line message and an exit code; stack traces only with --verbose. A Vigil
 * error prints as {@code Error: VGL-SYNC-012: Cannot …}: the id, then the message.
 */
public final class ErrorHandlers {
  private ErrorHandlers() {}

  /** The line every command prints for a Vigil error, ending with a full stop. */
  public static String line(VigilException e) {
    return "Error: " + sentence(e.idAndMessage());
  }

  /**
   * {@code text} ending with a full stop. The errors classes build messages from parts (a cause's
   * message, a list of problems) that may or may not end with one; the CLI prints each once.
   */
  public static String sentence(String text) {
    String t = text == null ? "" : text.stripTrailing();
    return t.isEmpty() || t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
  }

  public static void install(CommandLine cli) {
    cli.setExecutionExceptionHandler(new Execution());
    cli.setParameterExceptionHandler(new Parameters());
  }

  private static final class Execution implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      boolean verbose = parsed.expandedArgs().contains("--verbose");
      if (e instanceof VigilException v) {
        err.println(line(v));
        if (verbose) {
          v.printStackTrace(err);
        }
        err.flush();
        return v.code().exitCode();
      }
      err.println("Internal error: " + e);
      if (verbose) {
        e.printStackTrace(err);
      } else {
        err.println("Run the same command with --verbose for details.");
      }
      err.flush();
      return ExitCodes.INTERNAL;
    }
  }

  private static final class Parameters implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
      CommandLine cmd = e.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("Error: " + sentence(e.getMessage()));
      UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return ExitCodes.USAGE;
    }
  }
}
