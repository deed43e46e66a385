package io.vigil.runtime.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One version of a registered model, as MLflow's model registry has it.
 *
 * @param name registered model name
 * @param version 1, 2, … in registration order
 * @param tags tags of this version, e.g. {@code version: release}
 * @param runId the run that produced it
 * @param source where its files are among the run's artifacts, e.g. {@code models/monthly_ad}
 * @param description free text
 * @param createdAt registration time
 */
public record ModelVersion(String name, int version, Map<String, String> tags, String runId, String source,
    String description, Instant createdAt) {
  public ModelVersion {
    Objects.requireNonNull(name, "name");
    tags = Map.copyOf(new TreeMap<>(tags));
  }

  /** True when this version carries every tag of {@code wanted} with the same value. */
  public boolean hasTags(Map<String, String> wanted) {
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
  }
}
