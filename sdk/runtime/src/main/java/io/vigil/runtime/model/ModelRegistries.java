package io.vigil.runtime.model;

import java.nio.file.Path;
import java.util.Map;

/** Chooses the model registry: MLflow when {@code MLFLOW_TRACKING_URI} is set, else the local store under VIGIL_HOME. */
public final class ModelRegistries {
  private ModelRegistries() {}

  public static ModelRegistry fromEnvironment(Map<String, String> env, Path home) {
    String uri = env.get("MLFLOW_TRACKING_URI");
    return uri == null || uri.isBlank()
        ? LocalModelRegistry.under(home)
        : new MlflowModelRegistry(uri, home.resolve("cache").resolve("mlflow-models"));
  }
}
