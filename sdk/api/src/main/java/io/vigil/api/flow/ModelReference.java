package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.Map;

/**
 * A trained model in the model registry, found by name and tags as MLflow does (S1 §6.1.2). Tagging a
 * new version (e.g. {@code version: release}) and pointing the flow at the tag is how a flow moves to it.
 *
 * @param name the registered model name, e.g. {@code monthly_account_fe}
 * @param tags tags the model version must carry, e.g. {@code {version: release}}
 */
public record ModelReference(String name, Map<String, String> tags) {
  public ModelReference {
    Checks.required(name, "model reference", "name");
    tags = Checks.map(tags);
  }

  public static ModelReference of(String name, Map<String, String> tags) {
    return BuildSites.mark(new ModelReference(name, tags));
  }
}
