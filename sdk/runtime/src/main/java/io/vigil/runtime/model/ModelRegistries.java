package io.vigil.runtime.model;

import io.vigil.runtime.mlflow.MlflowRestClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * Chooses the model registry: MLflow when {@code MLFLOW_TRACKING_URI} is set (with
 * {@code MLFLOW_TRACKING_TOKEN}, or {@code MLFLOW_TRACKING_USERNAME} and {@code _PASSWORD}), else
 * the local store under VIGIL_HOME.
 */
public final class ModelRegistries {
  private ModelRegistries() {}

  public static ModelRegistry fromEnvironment(Map<String, String> env, Path home) {
    return MlflowRestClient.fromEnvironment(env)
        .<ModelRegistry>map(client -> new MlflowModelRegistry(client, home.resolve("cache").resolve("mlflow")))
        .orElseGet(() -> LocalModelRegistry.under(home));
  }
}
