package io.vigil.cli.run;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.orchestration.airflow.AirflowClient;
import io.vigil.orchestration.airflow.AirflowDagRun;
import io.vigil.orchestration.airflow.AirflowTaskInstance;
import io.vigil.sync.errors.SyncErrors;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code vigil dag trigger} and {@code vigil dag status} share: the client and how a run is shown. */
final class AirflowRuns {
  private AirflowRuns() {}

  /** The client that {@code VIGIL_AIRFLOW_URL} and its credentials configure; bad input when it is not set. */
  static AirflowClient client(String action) {
    return AirflowClient.fromEnvironment(CliEnvironment.get()).orElseThrow(() -> SyncErrors.airflowNotConfigured(action));
  }

  static void print(PrintWriter out, AirflowDagRun run, List<AirflowTaskInstance> tasks) {
    out.printf("Run %s of %s: %s%n", run.runId(), run.dagId(), run.state().apiName());
    if (run.logicalDate() != null) {
      out.printf("  logical date %s, data interval %s to %s%n", run.logicalDate(), run.dataIntervalStart(),
          run.dataIntervalEnd());
    }
    int width = tasks.stream().mapToInt(t -> t.taskId().length()).max().orElse(4);
    for (AirflowTaskInstance t : tasks) {
      out.printf("  %-" + width + "s  %-15s try %d of %d%n", t.taskId(), t.state(), Math.max(1, t.tryNumber()),
          t.maxTries() + 1);
    }
    out.flush();
  }

  static Map<String, Object> json(AirflowDagRun run, List<AirflowTaskInstance> tasks) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dag_id", run.dagId());
    out.put("run_id", run.runId());
    out.put("state", run.state().apiName());
    out.put("run_type", run.runType());
    out.put("logical_date", text(run.logicalDate()));
    out.put("data_interval_start", text(run.dataIntervalStart()));
    out.put("data_interval_end", text(run.dataIntervalEnd()));
    out.put("start_date", text(run.startDate()));
    out.put("end_date", text(run.endDate()));
    out.put("conf", run.conf());
    out.put("tasks", tasks.stream().map(t -> {
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("task_id", t.taskId());
      task.put("state", t.state());
      task.put("try_number", t.tryNumber());
      task.put("max_tries", t.maxTries());
      return task;
    }).toList());
    return out;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
