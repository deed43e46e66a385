package io.vigil.runtime.analytics.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Categorical fields turned into numbers (S1 §5.1, {@code CategoricFeaturesTransformer}). Fields may be
 * strings, integers or booleans; values are compared as text.
 *
 * <ul>
 *   <li>A field with a {@link CategoryMapping} uses it. A field without one learns one from the training
 *       data: values by decreasing frequency, ties by value, numbered 1, 2, 3, …
 *   <li>A missing (null) value takes the mapping's number for missing when it has one; otherwise, with
 *       {@link ImputationStrategy#CONSTANT}, the fill value, and with {@link ImputationStrategy#MOST_FREQUENT}
 *       the number of the most frequent training value (the smallest on a tie).
 *   <li>A value that is not in the mapping (unseen in training) takes the fill value.
 * </ul>
 *
 * @param features categorical fields
 * @param mappings optional mapping per field
 * @param strategy CONSTANT or MOST_FREQUENT
 * @param fillValue the number of unseen values, and of missing ones under CONSTANT
 */
public record CategoricFeaturesTransformer(List<String> features, Map<String, CategoryMapping> mappings,
    ImputationStrategy strategy, double fillValue) implements FeaturesTransformer {
  public CategoricFeaturesTransformer {
    features = NumericFeaturesTransformer.checkFeatures(features, "categoric");
    mappings = Map.copyOf(mappings);
    Objects.requireNonNull(strategy, "strategy");
    if (strategy != ImputationStrategy.CONSTANT && strategy != ImputationStrategy.MOST_FREQUENT) {
      throw new IllegalArgumentException("Cannot use strategy " + strategy + " for categorical features: use CONSTANT or MOST_FREQUENT");
    }
    for (String col : mappings.keySet()) {
      if (!features.contains(col)) {
        throw new IllegalArgumentException("Cannot map categorical column '" + col + "': it is not one of the features " + features);
      }
    }
    if (!Double.isFinite(fillValue)) {
      throw new IllegalArgumentException("Cannot use fill value " + fillValue + ": it must be a finite number");
    }
  }

  /** The transformer of {@code features} with {@code strategy}, learnt mappings and fill value 0. */
  public static CategoricFeaturesTransformer of(ImputationStrategy strategy, String... features) {
    return new CategoricFeaturesTransformer(List.of(features), Map.of(), strategy, 0.0);
  }

  /** A copy with {@code fillValue}. */
  public CategoricFeaturesTransformer withFillValue(double fillValue) {
    return new CategoricFeaturesTransformer(features, mappings, strategy, fillValue);
  }

  /** A copy that uses {@code mapping} for {@code column}. */
  public CategoricFeaturesTransformer withMapping(String column, CategoryMapping mapping) {
    Map<String, CategoryMapping> all = new HashMap<>(mappings);
    all.put(column, mapping);
    return new CategoricFeaturesTransformer(features, all, strategy, fillValue);
  }
}
