package io.vigil.cli.data;

import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.retention.PurgeResult;
import io.vigil.runtime.retention.Retention;
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

/** {@code vigil purge}: deletes the months of an APPEND dataset that its retention_policy no longer keeps. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Purge an APPEND dataset by its retention_policy: a policy of N months keeps the occurred-on months from N-1",
      "months before the execution date's month up to it; older rows are deleted from the Delta table (then vacuumed",
      "once Delta's retention window has passed) and from the CDD table, and the purge is recorded in",
      "vigil_meta.purge_audit with who ran it. --dry-run counts the rows without deleting. A rerun deletes nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:purged, or counted with --dry-run", "1:internal error", "2:invalid command line",
        "3:invalid solution, a dataset without retention_policy or not APPEND, or writing public without manager"})
public final class PurgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin DataOptions data;

  @Parameters(index = "0", paramLabel = "<dataset>", description = "Dataset identifier.")
  String dataset;

  @Option(names = "--dry-run", description = "Count what would be purged; delete nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    PurgeResult r;
    try (JobContext context = data.open("cli:purge")) {
      r = Retention.purge(context, dataset, dryRun);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("dataset", r.dataset());
      json.put("environment", r.environment().toString());
      json.put("kept_from", r.keptFrom());
      json.put("delta_rows", r.deltaRows());
      json.put("cdd_rows", r.cddRows());
      json.put("dry_run", r.dryRun());
      out.println(Json.write(json));
    } else {
      out.printf("%s dataset %s in %s before month %s: %d Delta rows, %d CDD rows%s%n", r.dryRun() ? "Would purge" : "Purged",
          r.dataset(), r.environment(), r.keptFrom(), r.deltaRows(), r.cddRows(),
          r.dryRun() ? " (dry run: nothing deleted)." : r.deltaRows() + r.cddRows() == 0 ? " (nothing was past the policy)." : ".");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
