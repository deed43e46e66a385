package io.vigil.runtime.model;

import io.vigil.runtime.errors.RuntimeErrors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link ModelRegistry#register(ModelRegistration)} records: a model folder that becomes the
 * next version of a name, the version's tags, and what goes with it into the run.
 *
 * @param name the registered model name
 * @param model the folder whose files are the model; they go to {@code models/<name>/} in the run
 * @param tags the version's tags
 * @param description the version's description; null for none
 * @param runId the run to record into, which stays open; null to record into a run of the registry's
 *     own experiment that is ended at once
 * @param params run params
 * @param metrics run metrics
 * @param runTags run tags
 * @param artifacts extra run artifacts: artifact path (a file's path, e.g. {@code reference/reference_dft.csv},
 *     or a folder's) to the local file or folder; nothing under {@code models/}
 */
public record ModelRegistration(String name, Path model, Map<String, String> tags, String description, String runId,
    Map<String, String> params, Map<String, Double> metrics, Map<String, String> runTags, Map<String, Path> artifacts) {
  /** Where the model files go among the run's artifacts. */
  public static final String MODELS_FOLDER = "models";

  public ModelRegistration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    tags = Map.copyOf(new TreeMap<>(tags));
    params = Map.copyOf(new TreeMap<>(params));
    metrics = Map.copyOf(new TreeMap<>(metrics));
    runTags = Map.copyOf(new TreeMap<>(runTags));
    artifacts = Map.copyOf(new TreeMap<>(artifacts));
    for (String path : artifacts.keySet()) {
      if (path.equals(MODELS_FOLDER) || path.startsWith(MODELS_FOLDER + "/")) {
        throw RuntimeErrors.modelArtifactReserved(name, path, MODELS_FOLDER);
      }
    }
  }

  /** The artifact path of this model's files in the run: {@code models/<name>}. */
  public String source() {
    return MODELS_FOLDER + "/" + name;
  }

  public static Builder of(String name, Path model) {
    return new Builder(name, model);
  }

  /** Builds a registration; every map keeps insertion order until {@link #build()} sorts it. */
  public static final class Builder {
    private final String name;
    private final Path model;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final Map<String, String> runTags = new LinkedHashMap<>();
    private final Map<String, Path> artifacts = new LinkedHashMap<>();
    private String description;
    private String runId;

    private Builder(String name, Path model) {
      this.name = name;
      this.model = model;
    }

    public Builder tags(Map<String, String> values) {
      tags.putAll(values);
      return this;
    }

    public Builder tag(String key, String value) {
      tags.put(key, value);
      return this;
    }

    public Builder description(String value) {
      description = value;
      return this;
    }

    /** Records into this run (it stays open); null for a run of the registry's own. */
    public Builder run(String value) {
      runId = value;
      return this;
    }

    public Builder params(Map<String, String> values) {
      params.putAll(values);
      return this;
    }

    public Builder param(String key, String value) {
      params.put(key, value);
      return this;
    }

    public Builder metric(String key, double value) {
      metrics.put(key, value);
      return this;
    }

    public Builder runTag(String key, String value) {
      runTags.put(key, value);
      return this;
    }

    /** An extra run artifact: the local file or folder {@code local} as {@code artifactPath}. */
    public Builder artifact(String artifactPath, Path local) {
      artifacts.put(artifactPath, local);
      return this;
    }

    public ModelRegistration build() {
      return new ModelRegistration(name, model, tags, description, runId, params, metrics, runTags, artifacts);
    }
  }
}
