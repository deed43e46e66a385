package io.vigil.cli.common;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * Running vigil commands from within a command: the demo and {@code vigil dag run} run other
 * commands in this JVM, and {@code dev up} and {@code dag run} start child JVMs of the launcher.
 */
public final class Subcommands {
  /** The launcher's main class, for child JVMs. */
  public static final String MAIN_CLASS = "io.vigil.cli.Main";

  private Subcommands() {}

  /** Vigil's settings and error handling on a command line: what every vigil command line gets. */
  public static CommandLine configure(CommandLine cli) {
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    ErrorHandlers.install(cli);
    return cli;
  }

  /**
   * A new command line for the root command that is running {@code spec}, so a command can run a
   * sibling without knowing the root class; it shares no parsed state with the running one.
   */
  public static CommandLine freshRoot(CommandSpec spec) {
    Object running = spec.root().userObject();
    try {
      return configure(new CommandLine(running.getClass().getDeclaredConstructor().newInstance()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot create the root command " + running.getClass().getName(), e);
    }
  }
}
