package io.vigil.runtime.mlflow;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An MLflow run with its data.
 *
 * @param runId the run id
 * @param experimentId the experiment it belongs to
 * @param runName its display name
 * @param status running, finished, …
 * @param startTime when it started; null if unknown
 * @param endTime when it ended; null while running
 * @param artifactUri the root of its artifacts, e.g. {@code mlflow-artifacts:/1/<run>/artifacts}
 * @param lifecycleStage {@code active} or {@code deleted}
 * @param params its params
 * @param metrics the latest value of each metric
 * @param tags its tags, MLflow's own {@code mlflow.*} tags included
 */
public record MlflowRun(String runId, String experimentId, String runName, MlflowRunStatus status, Instant startTime,
    Instant endTime, String artifactUri, String lifecycleStage, Map<String, String> params, Map<String, Double> metrics,
    Map<String, String> tags) {
  public MlflowRun {
    Objects.requireNonNull(runId, "runId");
    params = Map.copyOf(new TreeMap<>(params));
    metrics = Map.copyOf(new TreeMap<>(metrics));
    tags = Map.copyOf(new TreeMap<>(tags));
  }
}
