package io.vigil.runtime.job;

import io.vigil.runtime.errors.RuntimeErrors;
import java.util.Map;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;

/**
 * Reports a job run to an MLflow tracking server as operational metrics (S1 §18): the DAG is the
 * experiment and the task run is a run, with the execution date, DAG, task, job and bundle as
 * params and every metric of the run. Used when {@code MLFLOW_TRACKING_URI} is set.
 */
public final class MlflowReporter {
  public static final String TRACKING_URI = "MLFLOW_TRACKING_URI";

  private final String trackingUri;

  public MlflowReporter(String trackingUri) {
    this.trackingUri = trackingUri;
  }

  /** A reporter for the tracking server in {@code env}, or null when none is configured. */
  public static MlflowReporter fromEnvironment(Map<String, String> env) {
    String uri = env.get(TRACKING_URI);
    return uri == null || uri.isBlank() ? null : new MlflowReporter(uri);
  }

  /**
   * Records {@code run}; returns the MLflow run id.
   *
   * @param dag the experiment name (the DAG; the job when run outside a DAG)
   * @param task the run name (the task; the job when run outside a DAG)
   */
  public String report(JobRun run, String solution, String dag, String task, String bundleCommit) {
    String experimentName = solution + "." + (dag != null ? dag : run.job());
    try {
      MlflowClient client = new MlflowClient(trackingUri);
      String experimentId = client.getExperimentByName(experimentName).map(Experiment::getExperimentId)
          .orElseGet(() -> client.createExperiment(experimentName));
      RunInfo info = client.createRun(CreateRun.newBuilder()
          .setExperimentId(experimentId)
          .setRunName(task != null ? task : run.job())
          .setStartTime(run.startedAt().toEpochMilli())
          .build());
      String runId = info.getRunId();
      client.logParam(runId, "execution_date",
          run.executionDate().format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME));
      client.logParam(runId, "job", run.job());
      client.logParam(runId, "dag", dag == null ? "" : dag);
      client.logParam(runId, "task", task == null ? "" : task);
      client.logParam(runId, "bundle", bundleCommit == null ? "" : bundleCommit);
      client.setTag(runId, "vigil.run_id", run.runId());
      if (run.failedCell() != null) {
        client.setTag(runId, "vigil.failed_cell", run.failedCell().name());
      }
      long now = run.finishedAt().toEpochMilli();
      for (Map.Entry<String, Double> m : run.metrics().entrySet()) {
        client.logMetric(runId, metricName(m.getKey()), m.getValue(), now, 0);
      }
      client.setTerminated(runId, run.succeeded() ? RunStatus.FINISHED : RunStatus.FAILED, now);
      return runId;
    } catch (MlflowClientException e) {
      throw RuntimeErrors.mlflowReportFailed(run.runId(), trackingUri, e);
    }
  }

  /** MLflow metric names allow letters, digits, and {@code _ - . / space}; anything else becomes {@code _}. */
  static String metricName(String name) {
    return name.replaceAll("[^A-Za-z0-9_\\-./ ]", "_");
  }
}
