package io.vigil.api.flow;

/**
 * One step of an evaluation flow: it applies a feature extraction model and a detection model to
 * every input record and adds their scores as columns named after the step (S1 §6.1.2, §13.2). The
 * {@code type} key selects the variant; without it a step is an {@code algo} step.
 */
public sealed interface EvaluationStep permits AlgoEvaluationStep, ClassificationEvaluationStep {
  String DEFAULT_TYPE = "algo";

  /** Unique within the flow; prefixes the step's result columns, e.g. {@code algo_score}. */
  String identifier();

  /** The title of the step. */
  String name();

  /** The feature extraction model. */
  ModelReference featureExtractionModel();

  /** The detection (or classification) model. */
  ModelReference detectionModel();
}
