package io.vigil.runtime.evaluation;

import io.vigil.runtime.model.ModelVersion;
import java.util.List;

/**
 * What training one step did.
 *
 * @param flow the evaluation flow
 * @param step the step
 * @param features the features the models use
 * @param rows the training records
 * @param featuresVersion the features extractor's new version
 * @param modelVersion the detector's or classifier's new version
 * @param millis how long fitting and saving took
 * @param runId the registry run both versions and the histograms belong to
 */
public record TrainingResult(String flow, String step, List<String> features, long rows, ModelVersion featuresVersion,
    ModelVersion modelVersion, long millis, String runId) {
  public TrainingResult {
    features = List.copyOf(features);
  }
}
