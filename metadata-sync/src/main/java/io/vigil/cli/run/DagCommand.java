package io.vigil.cli.run;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code vigil dag}: DAGs of the promoted solution. */
@Command(
    name = "dag",
    mixinStandardHelpOptions = true,
    description = "Run a DAG locally in dependency order, or trigger and follow its runs in Airflow.",
    subcommands = {DagRunCommand.class, DagTriggerCommand.class, DagStatusCommand.class, CommandLine.HelpCommand.class})
public final class DagCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
