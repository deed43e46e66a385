package io.vigil.runtime.mlflow;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An MLflow experiment.
 *
 * @param id the experiment id
 * @param name its unique name
 * @param artifactLocation the root of its runs' artifacts, e.g. {@code mlflow-artifacts:/1}
 * @param lifecycleStage {@code active} or {@code deleted}
 * @param tags its tags
 */
public record MlflowExperiment(String id, String name, String artifactLocation, String lifecycleStage,
    Map<String, String> tags) {
  public MlflowExperiment {
    Objects.requireNonNull(id, "id");
    tags = Map.copyOf(new TreeMap<>(tags));
  }

  /** False once the experiment is deleted (it then keeps its name until purged). */
  public boolean active() {
    return !"deleted".equals(lifecycleStage);
  }
}
