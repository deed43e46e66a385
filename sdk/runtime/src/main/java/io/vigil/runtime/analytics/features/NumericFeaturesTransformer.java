package io.vigil.runtime.analytics.features;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Numeric fields taken as doubles, with missing values imputed (S1 §5.1, {@code NumericFeaturesTransformer}).
 * A value is missing when it is null, NaN or infinite.
 *
 * @param features numeric fields (any Spark numeric type)
 * @param strategy {@link ImputationStrategy#MEAN}, {@link ImputationStrategy#MEDIAN},
 *     {@link ImputationStrategy#CONSTANT} or {@link ImputationStrategy#MOST_FREQUENT}
 * @param fillValue with CONSTANT the value put in place of a missing one (null means 0, as in
 *     scikit-learn); with the other strategies the value used for a field that has no value at all in
 *     the training data (null makes such a fit fail)
 */
public record NumericFeaturesTransformer(List<String> features, ImputationStrategy strategy, Double fillValue)
    implements FeaturesTransformer {
  public NumericFeaturesTransformer {
    features = checkFeatures(features, "numeric");
    Objects.requireNonNull(strategy, "strategy");
    if (fillValue != null && !Double.isFinite(fillValue)) {
      throw new IllegalArgumentException("Cannot use fill value " + fillValue + ": it must be a finite number");
    }
  }

  /** The transformer of {@code features} with {@code strategy} and no fill value. */
  public static NumericFeaturesTransformer of(ImputationStrategy strategy, String... features) {
    return new NumericFeaturesTransformer(List.of(features), strategy, null);
  }

  /** A copy with {@code fillValue}. */
  public NumericFeaturesTransformer withFillValue(double fillValue) {
    return new NumericFeaturesTransformer(features, strategy, fillValue);
  }

  static List<String> checkFeatures(List<String> features, String what) {
    List<String> copy = List.copyOf(features);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("Cannot define a " + what + " features transformer: it names no feature");
    }
    HashSet<String> seen = new HashSet<>();
    for (String f : copy) {
      if (f.isBlank()) {
        throw new IllegalArgumentException("Cannot define a " + what + " features transformer: a feature name is blank");
      }
      if (!seen.add(f)) {
        throw new IllegalArgumentException("Cannot define a " + what + " features transformer: feature '" + f + "' is named twice");
      }
    }
    return copy;
  }
}
