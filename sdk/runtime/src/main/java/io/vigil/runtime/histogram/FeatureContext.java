package io.vigil.runtime.histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one value of a record lies in its feature's training histogram, for an investigator reading a
 * real-time answer: the share of training rows that had the value (its bin, for a numeric feature) and,
 * for a numeric feature, the share below it.
 */
public final class FeatureContext {
  private FeatureContext() {}

  /**
   * {@code training_rows}, {@code share} and, for a numeric value, {@code below} (both fractions of the
   * training rows, missing ones included) and {@code in_training_range}; for a categorical value
   * {@code share} and {@code rare_or_unseen}. Null for a missing value.
   */
  public static Map<String, Object> of(FeatureHistogram histogram, Object value) {
    if (value == null || histogram.rows() == 0) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("training_rows", histogram.rows());
    double rows = histogram.rows();
    if (histogram instanceof NumericHistogram n) {
      if (!(value instanceof Number number) || Double.isNaN(number.doubleValue()) || n.counts().isEmpty()) {
        return null;
      }
      double v = number.doubleValue();
      int bin = n.binOf(v);
      long below = 0;
      int upTo = bin >= 0 ? bin : v > n.max() ? n.counts().size() : 0;
      for (int i = 0; i < upTo; i++) {
        below += n.counts().get(i);
      }
      out.put("share", (bin < 0 ? 0 : n.counts().get(bin)) / rows);
      out.put("below", below / rows);
      out.put("in_training_range", bin >= 0);
    } else if (histogram instanceof CategoricalHistogram c) {
      Long count = c.countOf(String.valueOf(value));
      // A value outside the kept counts is rare or unseen: its own share is unknown, at most other's.
      out.put("share", count == null ? null : count / rows);
      out.put("rare_or_unseen", count == null);
    }
    return out;
  }
}
