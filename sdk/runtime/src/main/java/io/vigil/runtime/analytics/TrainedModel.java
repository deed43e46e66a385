package io.vigil.runtime.analytics;

import io.vigil.runtime.analytics.steps.ModelFiles;
import java.nio.file.Path;

/**
 * A fitted analytics model that can be stored as plain files and read back in any JVM.
 *
 * <p>{@link #save(Path)} writes into an empty (or absent) folder: a {@code model.json} manifest naming
 * the {@link #kind()} and format version, plus the model's own files. {@link ModelFiles#load(Path)}
 * reads any such folder back; loading needs no SparkSession and gives identical scores.
 */
public interface TrainedModel {
  /** {@code features_extractor}, {@code detector} or {@code classifier}. */
  String kind();

  /** Writes the model into {@code dir}, which must be empty or absent. */
  void save(Path dir);
}
