package io.vigil.runtime.analytics.features;

import java.util.List;

/** A rule that turns some fields of a record into numeric features; combined by {@link FeaturesExtractor}. */
public sealed interface FeaturesTransformer permits NumericFeaturesTransformer, CategoricFeaturesTransformer {
  /** The fields it reads; each becomes one feature of the same name. */
  List<String> features();

  ImputationStrategy strategy();
}
