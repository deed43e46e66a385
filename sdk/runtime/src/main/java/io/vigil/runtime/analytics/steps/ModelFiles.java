package io.vigil.runtime.analytics.steps;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.runtime.analytics.ModelFolder;
import io.vigil.runtime.analytics.TrainedModel;
import io.vigil.runtime.analytics.classify.ClassifierModel;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import java.nio.file.Path;

/** Reads any {@link TrainedModel} folder back, choosing the class from the manifest's kind. */
public final class ModelFiles {
  private ModelFiles() {}

  /** The model saved in {@code dir}; no SparkSession is needed. */
  public static TrainedModel load(Path dir) {
    String kind = ModelFolder.kind(dir);
    return switch (kind) {
      case FeaturesExtractorModel.KIND -> FeaturesExtractorModel.load(dir);
      case DetectorModel.KIND -> DetectorModel.load(dir);
      case ClassifierModel.KIND -> ClassifierModel.load(dir);
      default -> throw new VigilException(ErrorCode.INVALID_METADATA, "Cannot load model from " + dir + ": unknown kind '" + kind
          + "' (expected " + FeaturesExtractorModel.KIND + ", " + DetectorModel.KIND + " or " + ClassifierModel.KIND + ")");
    };
  }
}
