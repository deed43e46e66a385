package io.vigil.runtime.evaluation;

import io.vigil.api.VigilException;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.ClassificationEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.api.flow.ModelReference;
import io.vigil.runtime.analytics.TrainedModel;
import io.vigil.runtime.analytics.classify.ClassifierModel;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.runtime.model.TrainedModels;

/**
 * The models of one evaluation step, resolved from the step's references: the features extractor
 * and the detector or classifier, with the versions they came from.
 *
 * @param scorer a {@link DetectorModel} for an algo step, a {@link ClassifierModel} for a classifier step
 */
public record StepModels(EvaluationStep step, FeaturesExtractorModel features, TrainedModel scorer, ModelVersion featuresVersion,
    ModelVersion scorerVersion) {

  /** Resolves the step's references in {@code registry}; a reference that matches nothing fails naming the flow, step, model and tags. */
  public static StepModels resolve(ModelRegistry registry, EvaluationFlow flow, EvaluationStep step) {
    ModelVersion fe = version(registry, flow, step, step.featureExtractionModel());
    ModelVersion scorer = version(registry, flow, step, step.detectionModel());
    FeaturesExtractorModel features = as(Models.load(registry, fe), FeaturesExtractorModel.class, fe, "features extractor");
    TrainedModel model = Models.load(registry, scorer);
    if (step instanceof AlgoEvaluationStep) {
      as(model, DetectorModel.class, scorer, "detector");
    } else if (step instanceof ClassificationEvaluationStep) {
      as(model, ClassifierModel.class, scorer, "classifier");
    }
    return new StepModels(step, features, model, fe, scorer);
  }

  /** Models given directly, as for a reference dataset evaluated before the models are saved. */
  public static StepModels of(EvaluationStep step, FeaturesExtractorModel features, TrainedModel scorer) {
    return new StepModels(step, features, scorer, null, null);
  }

  private static ModelVersion version(ModelRegistry registry, EvaluationFlow flow, EvaluationStep step, ModelReference ref) {
    try {
      return TrainedModels.resolve(registry, ref.name(), ref.tags());
    } catch (VigilException e) {
      throw RuntimeErrors.flowModelMissing(flow.identifier(), step.identifier(), ref.name(), ref.tags(), e);
    }
  }

  private static <T extends TrainedModel> T as(TrainedModel model, Class<T> type, ModelVersion version, String what) {
    if (!type.isInstance(model)) {
      throw RuntimeErrors.modelOfWrongKind(version.name(), version.version(), model.kind(), what);
    }
    return type.cast(model);
  }
}
