package io.vigil.cli.monitoring;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil reports}: the monitoring reports stored in the solution bucket. */
@Command(
    name = "reports",
    mixinStandardHelpOptions = true,
    description = {
      "List the monitoring reports (data upload, alert volume, model update) stored under reports/ in the solution",
      "bucket, or write one to a local file. Which reports are written is set by the reports block of solution.yaml."
    },
    subcommands = {ReportsListCommand.class, ReportsOpenCommand.class, CommandLine.HelpCommand.class})
public final class ReportsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
