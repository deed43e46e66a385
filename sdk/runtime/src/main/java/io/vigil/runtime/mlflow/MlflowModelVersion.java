package io.vigil.runtime.mlflow;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A version of a registered model.
 *
 * @param name the registered model
 * @param version 1, 2, … in creation order
 * @param source where its files are, e.g. {@code mlflow-artifacts:/1/<run>/artifacts/models/monthly_ad}
 * @param runId the run that produced it; null when none was given
 * @param tags its tags
 * @param description free text; null when none
 * @param status {@code READY}, or {@code PENDING_REGISTRATION} / {@code FAILED_REGISTRATION} on registries
 *     that copy files asynchronously
 * @param createdAt when it was created
 */
public record MlflowModelVersion(String name, int version, String source, String runId, Map<String, String> tags,
    String description, String status, Instant createdAt) {
  public MlflowModelVersion {
    Objects.requireNonNull(name, "name");
    tags = Map.copyOf(new TreeMap<>(tags));
  }
}
