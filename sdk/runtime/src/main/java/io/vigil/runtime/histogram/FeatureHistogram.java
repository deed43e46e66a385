package io.vigil.runtime.histogram;

/** The value counts of one feature of a dataset. */
public sealed interface FeatureHistogram permits NumericHistogram, CategoricalHistogram {
  /** The feature (column) name. */
  String feature();

  /** The rows counted, missing ones included. */
  long rows();

  /** Rows whose value is null (or NaN, for a floating-point feature). */
  long missing();
}
