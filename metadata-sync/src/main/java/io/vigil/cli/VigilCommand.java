package io.vigil.cli;

import io.vigil.cli.analytics.EvaluateCommand;
import io.vigil.cli.analytics.ModelsCommand;
import io.vigil.cli.analytics.TraceCommand;
import io.vigil.cli.analytics.TrainCommand;
import io.vigil.cli.common.Subcommands;
import io.vigil.cli.common.VersionProvider;
import io.vigil.cli.data.LandingCommand;
import io.vigil.cli.data.PublishCommand;
import io.vigil.cli.data.PurgeCommand;
import io.vigil.cli.data.ReadCommand;
import io.vigil.cli.data.RejectedCommand;
import io.vigil.cli.data.UploadCommand;
import io.vigil.cli.decisioning.AlertsCommand;
import io.vigil.cli.decisioning.BacktestCommand;
import io.vigil.cli.decisioning.DistributeCommand;
import io.vigil.cli.decisioning.IdentifyRisksCommand;
import io.vigil.cli.dev.DemoCommand;
import io.vigil.cli.dev.DevCommand;
import io.vigil.cli.drift.DriftCommand;
import io.vigil.cli.explore.NotebookCommand;
import io.vigil.cli.explore.ShellCommand;
import io.vigil.cli.graph.GraphCommand;
import io.vigil.cli.monitoring.ReportsCommand;
import io.vigil.cli.realtime.ServeCommand;
import io.vigil.cli.run.DagCommand;
import io.vigil.cli.run.RunCommand;
import io.vigil.cli.secret.SecretCommand;
import io.vigil.cli.solution.InitCommand;
import io.vigil.cli.solution.ValidateCommand;
import io.vigil.cli.sync.ApplyCommand;
import io.vigil.cli.sync.ExportCommand;
import io.vigil.cli.sync.HistoryCommand;
import io.vigil.cli.sync.ImportCommand;
import io.vigil.cli.sync.PlanCommand;
import io.vigil.cli.sync.RepairCommand;
import io.vigil.cli.sync.SyncCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The root {@code vigil} command. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Metadata-as-code for financial-crime detection: validate, plan, apply and run solutions.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success, or no changes",
      "1:internal error",
      "2:invalid command line",
      "3:invalid solution or input",
      "4:the plan has changes (with --detailed-exitcode)",
      "5:conflict: another sync holds the lock, or a branch diverged"
    },
    subcommands = {DemoCommand.class, InitCommand.class, ValidateCommand.class, PlanCommand.class, ApplyCommand.class, SyncCommand.class,
        HistoryCommand.class, RepairCommand.class, ExportCommand.class, ImportCommand.class, DevCommand.class, LandingCommand.class, UploadCommand.class,
        PublishCommand.class, PurgeCommand.class, ReadCommand.class, RejectedCommand.class, RunCommand.class, DagCommand.class, TrainCommand.class, EvaluateCommand.class,
        ModelsCommand.class, TraceCommand.class, IdentifyRisksCommand.class, AlertsCommand.class, DistributeCommand.class,
        BacktestCommand.class, DriftCommand.class, GraphCommand.class, ServeCommand.class, SecretCommand.class, ShellCommand.class,
        NotebookCommand.class, ReportsCommand.class,
        CommandLine.HelpCommand.class})
public final class VigilCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A command line with Vigil's error handling, ready to {@code execute}. */
  public static CommandLine commandLine() {
    return Subcommands.configure(new CommandLine(new VigilCommand()));
  }
}
