package io.vigil.runtime.model;

import io.vigil.runtime.errors.RuntimeErrors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A trained model to save with {@link TrainedModels#save}: its folder, the user's tags, the code it
 * came from, what it was trained on, and the review artifacts that go with it into the run.
 *
 * @param name the registered model name
 * @param model the folder holding the model's files (loadable by a fresh JVM)
 * @param tags the user's tags, e.g. {@code version: release}; {@value CommitId#TAG} is added, not given
 * @param commitId the code's commit id ({@link CommitId})
 * @param description the version's description; null for none
 * @param runId the job's run to save into; null for a run of the registry's own
 * @param training what it was trained on; null when not recorded
 * @param reference the reference dataset as CSV, stored as {@value TrainedModels#REFERENCE}; null for none
 * @param charts PNG charts by file name (e.g. {@code anomaly scores.png}), stored at the run's root
 * @param anomaliesPage the top-anomalies page, stored as {@value TrainedModels#ANOMALIES_PAGE}; null for none
 */
public record ModelSave(String name, Path model, Map<String, String> tags, String commitId, String description,
    String runId, TrainingData training, Path reference, Map<String, Path> charts, Path anomaliesPage) {
  public ModelSave {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    if (commitId == null || commitId.isBlank()) {
      throw RuntimeErrors.modelCommitMissing(name);
    }
    if (tags.containsKey(CommitId.TAG)) {
      throw RuntimeErrors.modelTagReserved(name, CommitId.TAG);
    }
    for (String chart : charts.keySet()) {
      if (!chart.toLowerCase(java.util.Locale.ROOT).endsWith(".png") || chart.contains("/") || chart.contains("\\")
          || chart.startsWith(".")) {
        throw RuntimeErrors.modelChartNameInvalid(name, chart);
      }
    }
    tags = Map.copyOf(new TreeMap<>(tags));
    charts = Map.copyOf(new TreeMap<>(charts));
  }

  public static Builder of(String name, Path model, String commitId) {
    return new Builder(name, model, commitId);
  }

  /** Builds a {@link ModelSave}. */
  public static final class Builder {
    private final String name;
    private final Path model;
    private final String commitId;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, Path> charts = new LinkedHashMap<>();
    private String description;
    private String runId;
    private TrainingData training;
    private Path reference;
    private Path anomaliesPage;

    private Builder(String name, Path model, String commitId) {
      this.name = name;
      this.model = model;
      this.commitId = commitId;
    }

    public Builder tags(Map<String, String> values) {
      tags.putAll(values);
      return this;
    }

    public Builder description(String value) {
      description = value;
      return this;
    }

    public Builder run(String value) {
      runId = value;
      return this;
    }

    public Builder training(TrainingData value) {
      training = value;
      return this;
    }

    public Builder reference(Path csv) {
      reference = csv;
      return this;
    }

    public Builder chart(String fileName, Path png) {
      charts.put(fileName, png);
      return this;
    }

    public Builder anomaliesPage(Path html) {
      anomaliesPage = html;
      return this;
    }

    public ModelSave build() {
      return new ModelSave(name, model, tags, commitId, description, runId, training, reference, charts, anomaliesPage);
    }
  }
}
