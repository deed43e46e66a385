package io.vigil.cli.monitoring;

import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.monitoring.ReportKind;
import io.vigil.runtime.monitoring.ReportStore;
import io.vigil.runtime.monitoring.StoredReport;
import io.vigil.runtime.progress.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil reports list}: the stored monitoring reports, newest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the stored monitoring reports, newest execution date first: kind, date, key and size.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed (also when there is none)", "1:internal error", "2:invalid command line", "3:invalid solution"})
public final class ReportsListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
  Path solution;

  @Option(names = "--kind", paramLabel = "<kind>", description = "Only reports of this kind: data_upload, alert_volume or model_update.")
  String kind;

  @Override
  public Integer call() {
    ReportKind only = null;
    if (kind != null) {
      only = ReportKind.of(kind);
      if (only == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--kind': '" + kind
            + "' (expected one of " + Arrays.stream(ReportKind.values()).map(ReportKind::key).toList() + ")");
      }
    }
    List<StoredReport> reports;
    try (JobContext context = WorkspaceOptions.open(solution, Environment.PUBLIC, "cli:reports", Progress.NONE,
        LocalDateTime.now(ZoneOffset.UTC))) {
      reports = ReportStore.list(context.stores().objects(), context.layout().bucket(), only);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (StoredReport r : reports) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", r.kind().key());
        row.put("date", r.date().toString());
        row.put("key", r.key());
        row.put("path", r.path());
        row.put("size", r.size());
        rows.add(row);
      }
      out.println(Json.write(rows));
    } else if (reports.isEmpty()) {
      out.println("No monitoring reports" + (only == null ? "" : " of kind " + only.key()) + " are stored yet.");
    } else {
      out.printf("%-13s %-10s %9s  %s%n", "KIND", "DATE", "BYTES", "KEY");
      for (StoredReport r : reports) {
        out.printf("%-13s %-10s %9d  %s%n", r.kind().key(), r.date(), r.size(), r.key());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
