package io.vigil.runtime.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trained models by name, version and tags, with MLflow's semantics (S1 §6.1.2, §17.3): every
 * registration creates the next version of a name; versions are found by tags (the newest version
 * carrying all of them wins); each version keeps the run that produced it and its artifact files.
 */
public interface ModelRegistry {
  /** Registers the files under {@code artifacts} as the next version of {@code name}. */
  ModelVersion register(String name, Path artifacts, Map<String, String> tags, String runId, String description);

  /** Registered model names, sorted. */
  List<String> names();

  /** Versions of {@code name}, oldest first; empty when the name is unknown. */
  List<ModelVersion> versions(String name);

  /** The newest version of {@code name} carrying every tag of {@code tags}, or null. */
  default ModelVersion find(String name, Map<String, String> tags) {
    List<ModelVersion> all = versions(name);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).hasTags(tags)) {
        return all.get(i);
      }
    }
    return null;
  }

  /** Sets one tag on a version and returns the updated version. */
  ModelVersion setTag(String name, int version, String key, String value);

  /** A local directory holding the artifact files of {@code version}; do not modify it. */
  Path artifacts(ModelVersion version);

  /** Deletes every version of {@code name}; true when the name existed. */
  boolean delete(String name);
}
