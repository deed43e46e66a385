package io.vigil.cli.run;

import io.vigil.api.VigilException;
import io.vigil.api.dag.Dag;
import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.orchestration.airflow.AirflowClient;
import io.vigil.orchestration.airflow.AirflowDagRun;
import io.vigil.orchestration.airflow.DagRunState;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.sync.errors.SyncErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

/** {@code vigil dag trigger}: starts a run of a rendered DAG in the Airflow that {@code VIGIL_AIRFLOW_URL} names. */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    description = {
      "Trigger a run of a DAG in Airflow (VIGIL_AIRFLOW_URL, with VIGIL_AIRFLOW_USERNAME and VIGIL_AIRFLOW_PASSWORD",
      "or VIGIL_AIRFLOW_TOKEN). With --wait, follow it until it finishes and print its tasks."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:triggered (with --wait: the run succeeded)", "1:the run failed, or Airflow is unreachable",
        "2:invalid command line", "3:unknown DAG, bad date or conf, or Airflow not configured",
        "5:a run with this logical date exists"})
public final class DagTriggerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "<dag>", description = "DAG identifier, as rendered into Airflow.")
  String dagId;

  @Option(names = "--logical-date", paramLabel = "<date>",
      description = "The run's logical date (ISO-8601, UTC); default: now. PERIOD_END DAGs run with the end of its interval.")
  String logicalDate;

  @Option(names = "--solution", paramLabel = "<name>",
      description = "The solution whose promoted bundle declares the DAG: then the execution date its tasks get is printed, and why.")
  String solution;

  @Option(names = "--conf", paramLabel = "<key=value>", description = "A key of the run's conf; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--run-id", paramLabel = "<id>", description = "The run id; default: Airflow's manual__<logical date>.")
  String runId;

  @Option(names = "--wait", description = "Wait until the run finishes.")
  boolean await;

  @Option(names = "--timeout", defaultValue = "PT1H", paramLabel = "<duration>",
      description = "How long --wait waits, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws IOException {
    AirflowClient airflow = AirflowRuns.client("trigger DAG " + dagId);
    Instant logical = logicalDate == null ? Instant.now() : parse(logicalDate);
    PrintWriter out = spec.commandLine().getOut();
    if (solution != null && !output.json()) {
      LocalDateTime date = LocalDateTime.ofInstant(logical, ZoneOffset.UTC);
      Dag dag = DagRunCommand.promoted(StoreSettings.fromEnvironment(CliEnvironment.get()), solution, dagId);
      LocalDateTime execution = dag.executionDate(date);
      out.printf("DAG %s, logical date %s: its tasks run with execution date %s (%s).%n", dagId, date, execution,
          DagRunCommand.why(dag, date, execution));
      out.flush();
    }
    AirflowDagRun run = airflow.trigger(dagId, runId, logical, conf);
    if (!await) {
      if (output.json()) {
        out.println(Json.write(AirflowRuns.json(run, List.of())));
      } else {
        out.printf("Triggered run %s of %s (%s); follow it with: vigil dag status %s %s%n", run.runId(), dagId,
            run.state().apiName(), dagId, run.runId());
      }
      out.flush();
      return ExitCodes.OK;
    }
    AirflowDagRun done = airflow.awaitRun(dagId, run.runId(), timeout, Duration.ofSeconds(2));
    var tasks = airflow.taskInstances(dagId, done.runId());
    if (output.json()) {
      out.println(Json.write(AirflowRuns.json(done, tasks)));
      out.flush();
    } else {
      AirflowRuns.print(out, done, tasks);
    }
    return done.state() == DagRunState.SUCCESS ? ExitCodes.OK : ExitCodes.INTERNAL;
  }

  private Instant parse(String value) {
    try {
      return Vigil.parseDate(value).toInstant(ZoneOffset.UTC);
    } catch (VigilException e) {
      throw SyncErrors.triggerDateInvalid(dagId, e);
    }
  }
}
