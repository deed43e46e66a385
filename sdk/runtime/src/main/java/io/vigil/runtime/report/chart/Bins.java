package io.vigil.runtime.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Equal-width bins over {@code [min, max]}: value {@code v} falls in bin
 * {@code min(floor((v - min) / (max - min) * n), n - 1)}, so {@code max} is in the last bin; when
 * {@code min == max} every value is in bin 0. NaN and infinite values are not counted.
 *
 * @param min the lower edge of the first bin
 * @param max the upper edge of the last bin
 * @param counts the count of each bin
 */
public record Bins(double min, double max, List<Long> counts) {
  public Bins {
    if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("Bins need finite min <= max, not " + min + ", " + max);
    }
    if (counts.isEmpty()) {
      throw new IllegalArgumentException("Bins need at least one bin");
    }
    counts = List.copyOf(counts);
  }

  /** {@code bins} bins over the range of the finite values; null when there is none. */
  public static Bins of(double[] values, int bins) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return lo > hi ? null : of(values, bins, lo, hi);
  }

  /** {@code bins} bins over {@code [min, max]}; values outside it are not counted. */
  public static Bins of(double[] values, int bins, double min, double max) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1: " + bins);
    }
    long[] counts = new long[bins];
    for (double v : values) {
      if (Double.isFinite(v) && v >= min && v <= max) {
        counts[index(v, min, max, bins)]++;
      }
    }
    List<Long> list = new ArrayList<>(bins);
    for (long c : counts) {
      list.add(c);
    }
    return new Bins(min, max, list);
  }

  /** The bin of {@code v} (within {@code [min, max]}) among {@code bins} equal-width bins. */
  public static int index(double v, double min, double max, int bins) {
    if (max == min) {
      return 0;
    }
    return (int) Math.min(Math.floor((v - min) / (max - min) * bins), bins - 1);
  }

  /** The {@code n + 1} bin edges, from {@code min} to {@code max}. */
  public double[] edges() {
    int n = counts.size();
    double[] edges = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      edges[i] = i == n ? max : min + (max - min) * i / n;
    }
    return edges;
  }

  /** The number of values counted. */
  public long total() {
    return counts.stream().mapToLong(Long::longValue).sum();
  }
}
