package io.vigil.cli.common;

import picocli.CommandLine.Option;

/** Output format and verbosity, shared by every command. */
public final class OutputOptions {
  public enum Format {
    text,
    json
  }

  @Option(names = "--output", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format output = Format.text;

  @Option(names = "--verbose", description = "Print stack traces of failures, and the warnings of Spark, Hadoop and Delta.")
  boolean verbose;

  public boolean json() {
    return output == Format.json;
  }
}
