package io.vigil.cli.analytics;

import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.evaluation.Traces;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil trace}: the records behind one evaluated activity. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = {
      "Run a trace query of an evaluation flow for one published evaluated activity and print the records behind it.",
      "Without --query the flow's global trace query runs. Values from the activity are bound as parameters."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:traced", "1:internal error", "2:invalid command line", "3:unknown flow, query or activity"})
public final class TraceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin DataOptions data;

  @Parameters(index = "0", paramLabel = "<flow>", description = "Evaluation flow identifier.")
  String flow;

  @Option(names = "--activity", required = true, paramLabel = "<tr_id>", description = "The evaluated activity's tr_id.")
  String activity;

  @Option(names = "--query", paramLabel = "<query>", description = "The trace query (default: the flow's global trace query).")
  String query;

  @Override
  public Integer call() {
    List<Map<String, Object>> rows;
    try (JobContext context = data.open("cli:trace")) {
      rows = Traces.trace(context, flow, activity, query);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(Json.write(Map.of("records", rows)));
    } else {
      if (!rows.isEmpty()) {
        out.println(String.join("\t", rows.get(0).keySet()));
      }
      for (Map<String, Object> r : rows) {
        out.println(String.join("\t", r.values().stream().map(String::valueOf).toList()));
      }
      out.printf("%d records.%n", rows.size());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
