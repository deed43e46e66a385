package io.vigil.cli.common;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --quiet} for the long commands, and the progress printer they report to. */
public final class ProgressOptions {
  @Option(names = "--quiet", description = "Print plain progress lines (stage started, stage done) even on a terminal.")
  boolean quiet;

  public ProgressPrinter printer(PrintWriter err) {
    return ProgressPrinter.on(err, quiet);
  }
}
