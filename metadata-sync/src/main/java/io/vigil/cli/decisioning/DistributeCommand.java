package io.vigil.cli.decisioning;

import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.ProgressOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.decisioning.Distribution;
import io.vigil.runtime.decisioning.DistributionResult;
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

/** {@code vigil distribute}: sends a flow's waiting alerts to an alert target. */
@Command(
    name = "distribute",
    mixinStandardHelpOptions = true,
    description = {
      "Send the alerts of the execution date (or a range) that are neither suppressed nor yet distributed to an alert",
      "distribution target, in batches, each alert marked distributed once its batch is acknowledged. A rerun sends only",
      "what is left. From a private environment nothing is sent unless --force is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:distributed, or nothing to send",
        "1:internal error, or alerts left undelivered (the target kept failing or refused the credentials)",
        "2:invalid command line", "3:invalid solution, or an unknown flow or target"})
public final class DistributeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin ProgressOptions progress;

  @Mixin DataOptions data;

  @Mixin JobTsRange range;

  @Parameters(index = "0", paramLabel = "<flow>", description = "Evaluation flow identifier.")
  String flow;

  @Option(names = "--target", required = true, paramLabel = "<target>", description = "Alert distribution target identifier.")
  String target;

  @Option(names = "--force", description = "Send from a private environment too.")
  boolean force;

  @Option(names = "--batch-size", defaultValue = "" + Distribution.DEFAULT_BATCH_SIZE, paramLabel = "<n>",
      description = "Alerts per request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--parallelism", defaultValue = "" + Distribution.DEFAULT_PARALLELISM, paramLabel = "<n>",
      description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    DistributionResult result;
    try (JobContext context = data.open("cli:distribute", progress.printer(spec.commandLine().getErr()))) {
      result = Distribution.distributeAlertedActivities(context, flow, target, range.from(), range.to(), force, batchSize,
          parallelism);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("flow", result.flow());
      json.put("target", result.target());
      json.put("environment", result.environment().toString());
      json.put("pending", result.pending());
      json.put("sent", result.sent());
      json.put("requests", result.batches());
      json.put("skipped", result.skipped());
      json.put("seconds", seconds);
      if (result.report() != null) {
        json.put("report", result.report());
      }
      out.println(Json.write(json));
    } else if (result.skipped()) {
      out.println("Nothing sent: alerts are distributed from the public environment only (pass --force to send from private).");
    } else {
      out.printf("Sent %d of %d waiting alerts of flow %s to %s in %d requests (%.1f s).%n", result.sent(), result.pending(), flow,
          target, result.batches(), seconds);
      if (result.report() != null) {
        out.println("Alert volume report: " + result.report());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
