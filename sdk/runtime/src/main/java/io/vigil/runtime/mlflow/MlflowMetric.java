package io.vigil.runtime.mlflow;

import java.time.Instant;
import java.util.Objects;

/**
 * One metric value of a run.
 *
 * @param key the metric name
 * @param value the value
 * @param timestamp when it was measured (MLflow keeps milliseconds)
 * @param step the step, 0 for a single value
 */
public record MlflowMetric(String key, double value, Instant timestamp, long step) {
  public MlflowMetric {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** A value at step 0, measured now. */
  public static MlflowMetric of(String key, double value) {
    return new MlflowMetric(key, value, Instant.now(), 0);
  }
}
