package io.vigil.runtime.decisioning;

import io.vigil.runtime.layout.Environment;

/**
 * What a distribution did.
 *
 * @param flow the evaluation flow
 * @param target the distribution target
 * @param environment where the alerts came from
 * @param pending the alerts that were waiting to be sent when it started
 * @param sent the alerts delivered and marked distributed
 * @param batches the requests that delivered them
 * @param skipped true when nothing was sent because the environment is PRIVATE and force was not given
 * @param report the path of the alert volume report written after it, or null when none was
 */
public record DistributionResult(String flow, String target, Environment environment, long pending, long sent, int batches,
    boolean skipped, String report) {
  public DistributionResult(String flow, String target, Environment environment, long pending, long sent, int batches,
      boolean skipped) {
    this(flow, target, environment, pending, sent, batches, skipped, null);
  }

  public DistributionResult withReport(String path) {
    return new DistributionResult(flow, target, environment, pending, sent, batches, skipped, path);
  }
}
