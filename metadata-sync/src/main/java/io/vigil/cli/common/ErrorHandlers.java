package io.vigil.cli.common;

import io.vigil.api.VigilException;
import java.io.PrintWriter;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** Turns failures into a one-line message and an exit code; stack traces only with --verbose. */
final class ErrorHandlers {
  private ErrorHandlers() {}

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
        err.println("Error: " + v.getMessage());
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
      err.println("Error: " + e.getMessage());
      UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return ExitCodes.USAGE;
    }
  }
}
