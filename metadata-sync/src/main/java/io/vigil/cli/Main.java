package io.vigil.cli;

import java.util.Arrays;

/** Entry point of the {@code vigil} launcher. */
public final class Main {
  /** The logging configuration of --verbose: Spark's, Hadoop's and Delta's warnings too. */
  static final String VERBOSE_LOGGING = "log4j2-verbose.properties";

  private Main() {}

  public static void main(String[] args) {
    // Before anything logs: log4j reads its configuration once, on first use.
    if (Arrays.asList(args).contains("--verbose") && System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", VERBOSE_LOGGING);
    }
    System.exit(VigilCommand.commandLine().execute(args));
  }
}
