package io.vigil.cli.monitoring;

import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.monitoring.ReportStore;
import io.vigil.runtime.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil reports open}: writes one stored report to a local file. */
@Command(
    name = "open",
    mixinStandardHelpOptions = true,
    description = "Write a stored monitoring report to a local HTML file, to open in a browser; it needs no network.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "1:internal error", "2:invalid command line", "3:invalid solution, or no such report"})
public final class ReportsOpenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
  Path solution;

  @Parameters(index = "0", paramLabel = "<key>",
      description = "The report's key as vigil reports list prints it, e.g. reports/data_upload/2024-01-31/transactions.html.")
  String key;

  @Option(names = "--out", required = true, paramLabel = "<file>", description = "Where to write the page.")
  Path target;

  @Override
  public Integer call() {
    byte[] html;
    try (JobContext context = WorkspaceOptions.open(solution, Environment.PUBLIC, "cli:reports", Progress.NONE,
        LocalDateTime.now(ZoneOffset.UTC))) {
      html = ReportStore.read(context.stores().objects(), context.layout().bucket(), key);
    }
    try {
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(target, html);
    } catch (IOException e) {
      throw RuntimeErrors.pageUnwritable(key, target, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Report " + key + " written to " + target.toAbsolutePath() + ".");
    out.flush();
    return ExitCodes.OK;
  }
}
