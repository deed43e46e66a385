package io.vigil.cli.data;

import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.ProgressOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.connector.Connectors;
import io.vigil.runtime.connector.FileResult;
import io.vigil.runtime.connector.UploadOptions;
import io.vigil.runtime.connector.UploadResult;
import io.vigil.runtime.dataset.Rejections;
import io.vigil.runtime.dataset.WriteResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil upload}: runs a connector without writing a job. */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = {
      "Run a connector: read its landing files (or database table) into its target datasets.",
      "Prints, per file, the records read, stored and rejected, and per dataset what was written."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:uploaded (rejected rows are reported, not failures)", "1:internal error", "2:invalid command line",
        "3:invalid solution, unknown connector, or no data with --fail-on-no-data"})
public final class UploadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin ProgressOptions progress;

  @Mixin DataOptions data;

  @Parameters(index = "0", paramLabel = "<connector>", description = "Connector identifier.")
  String connector;

  @Option(names = "--fail-on-no-data", description = "Fail when there is nothing to upload.")
  boolean failOnNoData;

  @Option(names = "--use-control-files", description = "Mark consumed files with a control file instead of archiving them.")
  boolean useControlFiles;

  @Option(names = "--schema-padding", description = "Fill fields the files lack with nulls instead of rejecting their rows.")
  boolean schemaPadding;

  @Option(names = "--upload-by-execution-date", description = "Read the landing sub-folder named after the execution date.")
  boolean byExecutionDate;

  @Override
  public Integer call() {
    UploadResult result;
    Map<String, Map<String, Long>> reasons = new LinkedHashMap<>();
    String environment;
    try (JobContext context = data.open("cli:upload", progress.printer(spec.commandLine().getErr()))) {
      result = Connectors.upload(context, connector,
          new UploadOptions(null, failOnNoData, useControlFiles, schemaPadding, byExecutionDate));
      for (WriteResult w : result.targets()) {
        if (w.rejected() > 0) {
          // An upload writes as its connector.
          reasons.put(w.dataset(), Rejections.reasons(context, w.dataset(), connector));
        }
      }
      environment = context.environment().isPublic() ? "public" : "private";
    }
    PrintWriter err = spec.commandLine().getErr();
    for (FileResult f : result.files()) {
      if (f.rowsIn() == 0) {
        err.println("Warning: landing file " + f.key() + " is empty; it was consumed with no record.");
      }
    }
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("connector", result.connector());
      json.put("environment", result.environment().toString());
      json.put("execution_date", result.executionDate().toString());
      json.put("files", result.files().stream().map(f -> Map.of("key", f.key(), "rows_in", f.rowsIn(),
          "rows_accepted", f.rowsAccepted(), "rows_rejected", f.rowsRejected(),
          "archived_to", f.archivedTo() == null ? "" : f.archivedTo())).toList());
      json.put("datasets", result.targets().stream().map(w -> {
        Map<String, Object> m = json(w);
        m.put("rejected_by_reason", reasons.getOrDefault(w.dataset(), Map.of()));
        return m;
      }).toList());
      if (result.report() != null) {
        json.put("report", result.report());
      }
      out.println(Json.write(json));
    } else {
      out.printf("Connector %s, %s, execution date %s: %d files%n", result.connector(), result.environment(),
          result.executionDate(), result.files().size());
      for (FileResult f : result.files()) {
        out.printf("  %s: %s%s%n", f.key(), f.rowsIn() == 0 ? "empty"
                : String.format("%d records, %d stored, %d rejected", f.rowsIn(), f.rowsAccepted(), f.rowsRejected()),
            f.archivedTo() == null ? "" : " -> " + f.archivedTo());
      }
      for (WriteResult w : result.targets()) {
        out.printf("  dataset %s: %d written, %d updated, %d deleted, %d rejected%n", w.dataset(), w.written(), w.updated(),
            w.deleted(), w.rejected());
        Map<String, Long> why = reasons.get(w.dataset());
        if (why != null) {
          out.printf("    rejected by reason: %s; see them with: vigil rejected %s --execution-date %s --env %s%n",
              RejectedCommand.summary(why), w.dataset(), result.executionDate(), environment);
        }
      }
      if (result.report() != null) {
        out.printf("  data upload report: %s%n", result.report());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  static Map<String, Object> json(WriteResult w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", w.dataset());
    m.put("input", w.input());
    m.put("written", w.written());
    m.put("updated", w.updated());
    m.put("deleted", w.deleted());
    m.put("unchanged", w.unchanged());
    m.put("rejected", w.rejected());
    m.put("warned", w.warned());
    m.put("by_validator", w.byValidator());
    return m;
  }
}
