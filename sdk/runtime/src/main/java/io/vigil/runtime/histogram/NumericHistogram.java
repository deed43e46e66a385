package io.vigil.runtime.histogram;

import java.util.List;
import java.util.Objects;

/**
 * The counts of a numeric feature in {@code n} equal-width bins over {@code [min, max]}: value
 * {@code v} is in bin {@code min(floor((v - min) / (max - min) * n), n - 1)}, or bin 0 when
 * {@code min == max}.
 *
 * @param feature the feature
 * @param rows the rows counted
 * @param missing rows without a value (null or NaN)
 * @param min the smallest value; NaN when every value is missing
 * @param max the largest value; NaN when every value is missing
 * @param counts the count of each bin; empty when every value is missing
 */
public record NumericHistogram(String feature, long rows, long missing, double min, double max, List<Long> counts)
    implements FeatureHistogram {
  public NumericHistogram {
    Objects.requireNonNull(feature, "feature");
    counts = List.copyOf(counts);
  }

  /** The bin of {@code value}, or -1 when it is NaN or outside {@code [min, max]}. */
  public int binOf(double value) {
    if (counts.isEmpty() || Double.isNaN(value) || value < min || value > max) {
      return -1;
    }
    if (max == min) {
      return 0;
    }
    return (int) Math.min(Math.floor((value - min) / (max - min) * counts.size()), counts.size() - 1);
  }

  /** The training rows in the bin of {@code value}; 0 outside the range. */
  public long countOf(double value) {
    int bin = binOf(value);
    return bin < 0 ? 0 : counts.get(bin);
  }

  /** The {@code n + 1} bin edges. */
  public double[] edges() {
    int n = counts.size();
    double[] edges = new double[n == 0 ? 0 : n + 1];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = i == n ? max : min + (max - min) * i / n;
    }
    return edges;
  }
}
