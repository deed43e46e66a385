package io.vigil.cli.decisioning;

import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.ProgressOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.decisioning.Decisioning;
import io.vigil.runtime.decisioning.IdentifyResult;
import io.vigil.runtime.decisioning.RiskCounts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil identify-risks}: decides the risks of a flow's published evaluated activities. */
@Command(
    name = "identify-risks",
    mixinStandardHelpOptions = true,
    description = {
      "Decide every active risk of an evaluation flow over its published evaluated activities of the execution date",
      "(or of a range), store the results and alerts, and print per risk the records alerted, suppressed and replaced",
      "by a child. A rerun replaces that range's results and undistributed alerts; distributed alerts are kept.",
      "Decisioning runs in the public environment only."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:identified", "1:internal error", "2:invalid command line",
        "3:invalid solution, unknown flow, or a risk whose SQL or template fails"})
public final class IdentifyRisksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin ProgressOptions progress;

  @Mixin DataOptions data;

  @Mixin JobTsRange range;

  @Parameters(index = "0", paramLabel = "<flow>", description = "Evaluation flow identifier.")
  String flow;

  @Option(names = "--reset-variable-overrides", description = "Drop the manual overrides of the range before deciding.")
  boolean resetOverrides;

  @Override
  public Integer call() {
    IdentifyResult result;
    try (JobContext context = data.open("cli:identify-risks", progress.printer(spec.commandLine().getErr()))) {
      result = Decisioning.identifyRisks(context, flow, range.from(), range.to(), resetOverrides);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("flow", result.flow());
      json.put("environment", result.environment().toString());
      json.put("from_job_ts", result.from().toString());
      json.put("to_job_ts", result.to().toString());
      json.put("activities", result.activities());
      json.put("kept_distributed", result.kept());
      List<Map<String, Object>> risks = new ArrayList<>();
      for (RiskCounts r : result.risks()) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("risk", r.risk());
        item.put("alerted", r.alerted());
        item.put("suppressed", r.suppressed());
        item.put("replaced", r.replaced());
        risks.add(item);
      }
      json.put("risks", risks);
      out.println(Json.write(json));
    } else if (!result.environment().isPublic()) {
      out.println("Nothing identified: decisioning runs in the public environment only (pass --env public).");
    } else {
      out.printf("Identified risks of flow %s for %s: %d activities decided, %d distributed alerts kept.%n", flow,
          range(result), result.activities(), result.kept());
      int width = Math.max(4, result.risks().stream().mapToInt(r -> r.risk().length()).max().orElse(4));
      out.printf("  %-" + width + "s  %8s  %10s  %8s%n", "risk", "alerted", "suppressed", "replaced");
      for (RiskCounts r : result.risks()) {
        out.printf("  %-" + width + "s  %8d  %10d  %8d%n", r.risk(), r.alerted(), r.suppressed(), r.replaced());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String range(IdentifyResult r) {
    return r.from().equals(r.to()) ? r.from().toString() : r.from() + " to " + r.to();
  }
}
