package io.vigil.runtime.mlflow;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A registered model of MLflow's model registry.
 *
 * @param name its unique name
 * @param description free text; null when none
 * @param tags its tags (the versions have tags of their own)
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record MlflowRegisteredModel(String name, String description, Map<String, String> tags, Instant createdAt,
    Instant updatedAt) {
  public MlflowRegisteredModel {
    Objects.requireNonNull(name, "name");
    tags = Map.copyOf(new TreeMap<>(tags));
  }
}
