package io.vigil.runtime.analytics.classify;

import io.vigil.runtime.analytics.scaling.Normalization;
import java.util.Objects;

/**
 * The parameters of a {@link Classifier} (the guide's {@code Classifier}, S1 §5.4).
 *
 * @param algorithm the learner
 * @param normalization how features are scaled first ({@code normalization_type})
 * @param betaForF β of the Fβ that {@link ClassifierModel#evaluationMetric} reports, above 0
 * @param seed the seed of the learner's random choices
 */
public record ClassifierSettings(ClassifierAlgorithm algorithm, Normalization normalization, double betaForF, long seed) {
  public ClassifierSettings {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(normalization, "normalization");
    if (!(betaForF > 0) || Double.isInfinite(betaForF)) {
      throw new IllegalArgumentException("Cannot use beta_for_F " + betaForF + ": it must be a positive number");
    }
  }

  /** Gradient-boosted trees, min-max scaling, β = 2, seed 42. */
  public static ClassifierSettings defaults() {
    return of(ClassifierAlgorithm.gradientBoostedTrees());
  }

  /** {@code algorithm} with the other defaults. */
  public static ClassifierSettings of(ClassifierAlgorithm algorithm) {
    return new ClassifierSettings(algorithm, Normalization.MIN_MAX, 2.0, 42L);
  }

  public ClassifierSettings withNormalization(Normalization normalization) {
    return new ClassifierSettings(algorithm, normalization, betaForF, seed);
  }

  public ClassifierSettings withBetaForF(double betaForF) {
    return new ClassifierSettings(algorithm, normalization, betaForF, seed);
  }

  public ClassifierSettings withSeed(long seed) {
    return new ClassifierSettings(algorithm, normalization, betaForF, seed);
  }
}
