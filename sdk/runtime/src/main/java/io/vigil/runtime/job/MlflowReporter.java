package io.vigil.runtime.job;

import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.mlflow.MlflowRestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * params, every metric of the run, and its attachments (drift charts, say) as the run's artifacts,
 * uploaded through the tracking server. Used when {@code MLFLOW_TRACKING_URI} is set.
 */
public final class MlflowReporter {
  public static final String TRACKING_URI = "MLFLOW_TRACKING_URI";

  private final String trackingUri;
  private final MlflowRestClient artifacts;

  public MlflowReporter(String trackingUri) {
    this(trackingUri, MlflowRestClient.anonymous(URI.create(trackingUri.strip())));
  }

  private MlflowReporter(String trackingUri, MlflowRestClient artifacts) {
    this.trackingUri = trackingUri;
    this.artifacts = artifacts;
  }

  /** A reporter for the tracking server in {@code env} (with its credentials for uploads), or null when none is configured. */
  public static MlflowReporter fromEnvironment(Map<String, String> env) {
    String uri = env.get(TRACKING_URI);
    return uri == null || uri.isBlank() ? null : new MlflowReporter(uri, MlflowRestClient.fromEnvironment(env).orElseThrow());
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
      try {
        upload(run, client.getRun(runId).getInfo().getArtifactUri());
      } finally {
        // A run whose attachments could not be uploaded still ends, rather than staying RUNNING in the UI.
        client.setTerminated(runId, run.succeeded() ? RunStatus.FINISHED : RunStatus.FAILED, now);
      }
      return runId;
    } catch (MlflowClientException | VigilException | UncheckedIOException e) {
      throw RuntimeErrors.mlflowReportFailed(run.runId(), trackingUri, e);
    }
  }

  /** Uploads each attachment from a temporary file, the way the REST client sends artifacts. */
  private void upload(JobRun run, String artifactUri) {
    if (run.attachments().isEmpty()) {
      return;
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("vigil-run-attachments-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      int i = 0;
      for (Map.Entry<String, byte[]> a : run.attachments().entrySet()) {
        Path file = dir.resolve("attachment-" + i++);
        Files.write(file, a.getValue());
        artifacts.uploadArtifact(artifactUri, a.getKey(), file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // A leftover temporary folder is harmless.
      }
    }
  }

  /** MLflow metric names allow letters, digits, and {@code _ - . / space}; anything else becomes {@code _}. */
  static String metricName(String name) {
    return name.replaceAll("[^A-Za-z0-9_\\-./ ]", "_");
  }
}
