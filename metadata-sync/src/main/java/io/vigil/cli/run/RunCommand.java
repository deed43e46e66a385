package io.vigil.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.ErrorCode;
import io.vigil.api.job.Job;
import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ErrorHandlers;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.ProgressOptions;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.job.CellRun;
import io.vigil.runtime.job.AnalysisErrors;
import io.vigil.runtime.job.JobFailedException;
import io.vigil.runtime.job.JobRun;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.run.BundleJobs;
import io.vigil.runtime.run.JobRequest;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.errors.SyncErrors;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil run}: runs one job of a bundle for an execution date, as an Airflow task does. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a job class of a solution bundle for an execution date (what each Airflow task runs).",
      "The run is pinned to one bundle; its cells run in order; a short summary goes to stdout and a failure,",
      "with the failing cell, to stderr. The run and its metrics are recorded in vigil_meta and, when",
      "MLFLOW_TRACKING_URI is set, in MLflow (the DAG is the experiment, the task the run)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the job succeeded", "1:a cell failed", "2:invalid command line",
        "3:bad input: unknown job or bundle, invalid date or parameter, or a query Spark cannot analyse",
        "6:a drift check in block mode found drift (the DAG stops before evaluation)"})
public final class RunCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin ProgressOptions progress;

  @Option(names = "--bundle", required = true, paramLabel = "<commit|jar|promoted>",
      description = "A bundle jar, a synced commit, or 'promoted' (the commit promoted to the operational branch).")
  String bundle;

  @Option(names = "--solution", paramLabel = "<name>", description = "Solution name; needed unless --bundle is a jar.")
  String solution;

  @Option(names = "--job", required = true, paramLabel = "<domain.JobName>", description = "The job to run.")
  String job;

  @Option(names = "--execution-date", required = true, paramLabel = "<ISO-8601>", description = "Execution date, e.g. 1995-02-01T00:00:00.")
  String executionDate;

  @Option(names = "--param", paramLabel = "k=v", description = "A parameter of the run (repeatable); JSON values are parsed.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--spark-conf", paramLabel = "k=v", description = "A Spark property overriding the job's (repeatable).")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  @Option(names = "--run-key", paramLabel = "<dag_id/run_id>", description = "Pins 'promoted' to one bundle for every task of a DAG run.")
  String runKey;

  @Option(names = "--dag", paramLabel = "<dag_id>", description = "The DAG that started the run (for records and MLflow).")
  String dag;

  @Option(names = "--task", paramLabel = "<task_id>", description = "The task that started the run (for records and MLflow).")
  String task;

  @Option(names = "--env", defaultValue = "public", paramLabel = "public|private", description = {"Data environment (default: public, unlike the other commands: this is the command",
      "Airflow's tasks run, and a DAG's runs write the public environment)."})
  String env;

  @Option(names = "--verbose", description = "Print the plan of a query Spark cannot analyse, and the warnings of Spark, Hadoop and Delta.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> environment = CliEnvironment.get();
    StoreSettings settings = StoreSettings.fromEnvironment(environment);
    LocalDateTime date = Vigil.parseDate(executionDate);
    Map<String, Object> parameters = parameters();
    Environment target = "private".equalsIgnoreCase(env) ? Environment.privateOf(settings.user()) : Environment.PUBLIC;
    JobRequest request = new JobRequest(solution, bundle, runKey, job, date, parameters, sparkConf, target, dag, task);
    try (Stores stores = Stores.open(settings)) {
      try {
        JobRun run = BundleJobs.run(stores, request, environment, printer(out, target), progress.printer(err));
        out.printf("Job %s succeeded: %d cells in %.1f s.%n", job, run.cells().size(),
            Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0);
        new TreeMap<>(run.metrics()).forEach((k, v) -> out.printf("  %s = %s%n", k, format(v)));
        out.flush();
        return ExitCodes.OK;
      } catch (JobFailedException e) {
        CellRun failed = e.run().failedCell();
        Throwable analysis = AnalysisErrors.find(e);
        if (analysis != null) {
          // Spark refused the query itself (an unresolved column, a type mismatch): the same code
          // fails the same way on every attempt, so it is bad input, which orchestrators do not retry.
          err.printf("Job %s failed in cell %d (%s): Spark cannot analyse its query: %s%n", job, failed.order(), failed.name(),
              ErrorHandlers.sentence(AnalysisErrors.withoutPlan(analysis.getMessage())));
          if (verbose) {
            analysis.printStackTrace(err);
          } else {
            err.println("The query's plan is shown with --verbose.");
          }
          err.flush();
          return ExitCodes.INVALID;
        }
        err.printf("Job %s failed in cell %d (%s): %s%n", job, failed.order(), failed.name(), ErrorHandlers.sentence(failed.error()));
        err.flush();
        // Drift is not a failure of the job but a verdict on the data: its own code lets the DAG say why it stopped.
        return e.code() == ErrorCode.DRIFT_DETECTED ? ExitCodes.DRIFT : ExitCodes.INTERNAL;
      }
    }
  }

  private Map<String, Object> parameters() {
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      try {
        Object parsed = JSON.readValue(v, Object.class);
        out.put(k, parsed instanceof Map || parsed instanceof List || parsed instanceof Number || parsed instanceof Boolean ? parsed : v);
      } catch (java.io.IOException e) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static BundleJobs.Listener printer(PrintWriter out, Environment target) {
    return new BundleJobs.Listener() {
      @Override
      public void starting(JobRequest request, String solution, String commit) {
        out.printf("Running %s for %s (solution %s, bundle %s, %s)%n", request.job(), request.executionDate(), solution, commit, target);
        out.flush();
      }

      @Override
      public void cellFinished(CellRun cell) {
        out.printf("  cell %d %s: %s in %d ms%n", cell.order(), cell.title(), cell.succeeded() ? "ok" : "FAILED",
            cell.duration().toMillis());
        out.flush();
      }
    };
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
