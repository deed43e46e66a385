package io.vigil.cli.run;

import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.orchestration.airflow.AirflowClient;
import io.vigil.orchestration.airflow.AirflowDagRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil dag status}: the runs of a DAG in Airflow and the states of their tasks. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a run of a DAG in Airflow with its task states, or the latest runs when no run id is given.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "1:Airflow is unreachable", "2:invalid command line",
        "3:unknown DAG or run, or Airflow not configured"})
public final class DagStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "<dag>", description = "DAG identifier, as rendered into Airflow.")
  String dagId;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<run-id>", description = "The run; default: the latest runs.")
  String runId;

  @Option(names = "--limit", defaultValue = "5", paramLabel = "<n>",
      description = "How many of the latest runs to show without a run id (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    AirflowClient airflow = AirflowRuns.client("read the runs of DAG " + dagId);
    List<AirflowDagRun> runs = runId != null ? List.of(airflow.dagRun(dagId, runId)) : airflow.dagRuns(dagId, limit);
    PrintWriter out = spec.commandLine().getOut();
    List<Map<String, Object>> json = new ArrayList<>();
    for (AirflowDagRun run : runs) {
      var tasks = airflow.taskInstances(dagId, run.runId());
      if (output.json()) {
        json.add(AirflowRuns.json(run, tasks));
      } else {
        AirflowRuns.print(out, run, tasks);
      }
    }
    if (output.json()) {
      out.println(Json.write(json));
    } else if (runs.isEmpty()) {
      out.printf("DAG %s has no runs yet.%n", dagId);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
