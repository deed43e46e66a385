package io.vigil.runtime.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A training run as a model registry keeps it, in MLflow's terms: the run that produced model
 * versions, with its params, metrics, tags and artifact files.
 *
 * @param runId its id
 * @param experiment the name of the experiment it belongs to
 * @param name its display name
 * @param status running until ended
 * @param startedAt when it started
 * @param endedAt when it ended; null while running
 * @param params its params
 * @param metrics the latest value of each metric
 * @param tags its tags; MLflow's own {@code mlflow.*} tags are left out
 */
public record ModelRun(String runId, String experiment, String name, Status status, Instant startedAt, Instant endedAt,
    Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags) {
  public ModelRun {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    params = Map.copyOf(new TreeMap<>(params));
    metrics = Map.copyOf(new TreeMap<>(metrics));
    tags = Map.copyOf(new TreeMap<>(tags));
  }

  /** The lifecycle of a run. */
  public enum Status {
    RUNNING, FINISHED, FAILED, KILLED;

    public boolean isTerminal() {
      return this != RUNNING;
    }
  }
}
