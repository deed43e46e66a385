package io.vigil.runtime.analytics.detect;

import java.util.Map;

/**
 * The scores of one record.
 *
 * @param score the fused score in [0, 1]; the record is an anomaly when it is at least the fusion threshold
 * @param algorithms each fused algorithm's own calibrated score in [0, 1]
 */
public record DetectionScore(double score, Map<Algorithm, Double> algorithms) {
  public DetectionScore {
    algorithms = Map.copyOf(algorithms);
  }
}
