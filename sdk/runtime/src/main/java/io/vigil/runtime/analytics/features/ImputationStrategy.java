package io.vigil.runtime.analytics.features;

/** How a transformer replaces a missing value (the guide's {@code strategy}, S1 §5.1). */
public enum ImputationStrategy {
  /** The mean of the training values. Numeric features only. */
  MEAN,
  /** The exact median of the training values (the mean of the two middle ones for an even count). Numeric only. */
  MEDIAN,
  /** The transformer's fill value. */
  CONSTANT,
  /** The most frequent training value; the smallest of them when several are equally frequent. */
  MOST_FREQUENT
}
