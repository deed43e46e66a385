package io.vigil.runtime.analytics.steps;

import io.vigil.runtime.analytics.ModelFolder;
import io.vigil.runtime.analytics.TrainedModel;
import io.vigil.runtime.analytics.classify.ClassifierModel;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.errors.RuntimeErrors;
import java.nio.file.Path;
import java.util.List;

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
      default -> throw RuntimeErrors.modelKindUnknown(dir, kind,
          List.of(FeaturesExtractorModel.KIND, DetectorModel.KIND, ClassifierModel.KIND));
    };
  }
}
