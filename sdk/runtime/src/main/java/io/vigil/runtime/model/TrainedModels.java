package io.vigil.runtime.model;

import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vigil's conventions for trained models on any {@link ModelRegistry} (S1 §5.5-5.6): what a saved
 * version carries, and how a model reference (name plus tags) resolves to one.
 *
 * <p>A saved version carries the user's tags plus {@value CommitId#TAG}. Its run gets the training
 * data as params {@code <name>.training_rows}, {@code <name>.training_range_column},
 * {@code <name>.training_from} and {@code <name>.training_to} (when the range column holds a value) and the metric
 * {@code <name>.training_rows}, and the artifacts {@value #REFERENCE}, the PNG charts at its root and
 * {@value #ANOMALIES_PAGE}.
 */
public final class TrainedModels {
  /** Where the reference dataset goes in the run. */
  public static final String REFERENCE = "reference/reference_dft.csv";
  /** The histogram of the training records' scores, at the root of a trained model's run. */
  public static final String SCORES_CHART = "anomaly scores.png";
  /** Where the top-anomalies page goes in the run. */
  public static final String ANOMALIES_PAGE = "anomalies.html";

  private TrainedModels() {}

  /** Registers {@code save} as the next version of its name; returns the version. */
  public static ModelVersion save(ModelRegistry registry, ModelSave save) {
    Map<String, String> tags = new TreeMap<>(save.tags());
    tags.put(CommitId.TAG, save.commitId());
    ModelRegistration.Builder registration = ModelRegistration.of(save.name(), save.model()).tags(tags)
        .description(save.description()).run(save.runId());
    TrainingData training = save.training();
    if (training != null) {
      String prefix = save.name() + ".training_";
      registration.param(prefix + "rows", Long.toString(training.rows())).metric(prefix + "rows", training.rows());
      if (training.hasRange()) {
        registration.param(prefix + "range_column", training.rangeColumn());
        // No bounds when the range column holds no value (an empty training set, say).
        if (training.from() != null) {
          registration.param(prefix + "from", training.from()).param(prefix + "to", training.to());
        }
      }
    }
    if (save.reference() != null) {
      registration.artifact(REFERENCE, save.reference());
    }
    save.charts().forEach(registration::artifact);
    if (save.anomaliesPage() != null) {
      registration.artifact(ANOMALIES_PAGE, save.anomaliesPage());
    }
    return registry.register(registration.build());
  }

  /**
   * The newest version of {@code name} carrying every tag of {@code tags}.
   *
   * @throws VigilException NOT_FOUND naming the model and the tags when no version matches
   */
  public static ModelVersion resolve(ModelRegistry registry, String name, Map<String, String> tags) {
    List<ModelVersion> versions = registry.versions(name);
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).hasTags(tags)) {
        return versions.get(i);
      }
    }
    if (versions.isEmpty()) {
      throw RuntimeErrors.trainedModelNotRegistered(name, tags);
    }
    ModelVersion newest = versions.get(versions.size() - 1);
    throw RuntimeErrors.trainedModelNotTagged(name, tags, versions.size(), newest.version(), newest.tags());
  }

  /** The model files of the version {@link #resolve} finds, as a local folder. */
  public static Path load(ModelRegistry registry, String name, Map<String, String> tags) {
    return registry.artifacts(resolve(registry, name, tags));
  }
}
