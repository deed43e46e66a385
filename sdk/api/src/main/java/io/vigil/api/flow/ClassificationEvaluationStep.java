package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Classification with a semi-supervised model (S1 §13.2; the guide's
 * SemiSupervisedClassificationEvaluationStep). Adds a score per class, {@code <step>_<label>_score}
 * (e.g. {@code aml_ml_vh_score}), and the chosen label number as {@code <step>_classification}.
 *
 * <pre>{@code
 * ClassificationEvaluationStep.builder("aml_ml")
 *     .featureExtractionModel(ModelReference.of("aml_fe", Map.of("version", "release")))
 *     .detectionModel(ModelReference.of("aml_classifier", Map.of("version", "release")))
 *     .label(1, "L").label(2, "M").label(3, "H").label(4, "VH")
 *     .labelSelector("CASE WHEN aml_ml_vh_score > aml_ml_h_score THEN 4 ELSE 3 END")
 *     .build();
 * }</pre>
 *
 * @param identifier unique within the flow; prefixes the step's result columns
 * @param name the title of the step
 * @param featureExtractionModel the feature extraction model
 * @param detectionModel the classification model
 * @param labels class number to label, e.g. {@code {1: L, 2: M, 3: H, 4: VH}}; 0 means unknown and is reserved
 * @param labelSelector Spark SQL expression over the step's per-class score columns that yields the
 *     chosen label number
 * @param exclusionFilter Spark SQL boolean expression; rows for which it is true skip model inference,
 *     e.g. rows already classified by pre-evaluate rules
 */
public record ClassificationEvaluationStep(
    String identifier,
    String name,
    ModelReference featureExtractionModel,
    ModelReference detectionModel,
    Map<Integer, String> labels,
    String labelSelector,
    String exclusionFilter)
    implements EvaluationStep {

  public static final String TYPE = "classifier";

  public ClassificationEvaluationStep {
    Checks.identifier(identifier, "evaluation step", "identifier", Identifiers.NAME);
    String what = "evaluation step " + identifier;
    Checks.required(featureExtractionModel, what, "feature_extraction_model");
    Checks.required(detectionModel, what, "detection_model");
    labels = Collections.unmodifiableMap(new TreeMap<>(Checks.map(labels)));
    Checks.valid(!labels.isEmpty(), what, "labels", "must not be empty; map each class number to its label, e.g. 1: L");
    Checks.required(labelSelector, what, "label_selector");
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier)
        .name(name)
        .featureExtractionModel(featureExtractionModel)
        .detectionModel(detectionModel)
        .labelSelector(labelSelector)
        .exclusionFilter(exclusionFilter);
    b.labels.putAll(labels);
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String name;
    private ModelReference featureExtractionModel;
    private ModelReference detectionModel;
    private final Map<Integer, String> labels = new LinkedHashMap<>();
    private String labelSelector;
    private String exclusionFilter;

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder featureExtractionModel(ModelReference featureExtractionModel) {
      this.featureExtractionModel = featureExtractionModel;
      return this;
    }

    public Builder detectionModel(ModelReference detectionModel) {
      this.detectionModel = detectionModel;
      return this;
    }

    public Builder label(int number, String label) {
      this.labels.put(number, label);
      return this;
    }

    /** Replaces the labels. */
    public Builder labels(Map<Integer, String> labels) {
      this.labels.clear();
      this.labels.putAll(labels);
      return this;
    }

    public Builder labelSelector(String labelSelector) {
      this.labelSelector = labelSelector;
      return this;
    }

    public Builder exclusionFilter(String exclusionFilter) {
      this.exclusionFilter = exclusionFilter;
      return this;
    }

    public ClassificationEvaluationStep build() {
      return BuildSites.mark(new ClassificationEvaluationStep(
          identifier, name, featureExtractionModel, detectionModel, labels, labelSelector, exclusionFilter));
    }
  }
}
