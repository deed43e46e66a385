package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;

/**
 * Anomaly detection with ThetaRay's algorithms (S1 §6.1.2). Adds {@code <step>_score}, a rank and a
 * rating per feature, and {@code <step>_pattern}.
 *
 * <pre>{@code
 * AlgoEvaluationStep.builder("algo")
 *     .featureExtractionModel(ModelReference.of("monthly_account_fe", Map.of("version", "release")))
 *     .detectionModel(ModelReference.of("monthly_account_ad", Map.of("version", "release")))
 *     .build();
 * }</pre>
 *
 * @param identifier unique within the flow; prefixes the step's result columns
 * @param name the title of the step
 * @param featureExtractionModel the feature extraction model
 * @param detectionModel the anomaly detection model
 * @param patternLength how many top-ranked features form the alert pattern, e.g.
 *     {@code sum_amount#zscore12#zscore6}; alerts of one entity with one pattern are consolidated (default 3)
 */
public record AlgoEvaluationStep(
    String identifier,
    String name,
    ModelReference featureExtractionModel,
    ModelReference detectionModel,
    Integer patternLength)
    implements EvaluationStep {

  public static final String TYPE = "algo";
  private static final int DEFAULT_PATTERN_LENGTH = 3;

  public AlgoEvaluationStep {
    Checks.identifier(identifier, "evaluation step", "identifier", Identifiers.NAME);
    String what = "evaluation step " + identifier;
    Checks.required(featureExtractionModel, what, "feature_extraction_model");
    Checks.required(detectionModel, what, "detection_model");
    patternLength = Checks.positive(Checks.orDefault(patternLength, DEFAULT_PATTERN_LENGTH), what, "pattern_length");
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    return new Builder(identifier)
        .name(name)
        .featureExtractionModel(featureExtractionModel)
        .detectionModel(detectionModel)
        .patternLength(patternLength);
  }

  public static final class Builder {
    private final String identifier;
    private String name;
    private ModelReference featureExtractionModel;
    private ModelReference detectionModel;
    private Integer patternLength;

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

    public Builder patternLength(Integer patternLength) {
      this.patternLength = patternLength;
      return this;
    }

    public AlgoEvaluationStep build() {
      return BuildSites.mark(
          new AlgoEvaluationStep(identifier, name, featureExtractionModel, detectionModel, patternLength));
    }
  }
}
