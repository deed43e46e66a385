package io.vigil.runtime.drift;

import java.util.List;

/**
 * The z-score of a current proportion against the reference's (the anomaly percentage, a trigger
 * feature's frequency), as the guide computes it: against the mean and standard deviation of the
 * reference periods' proportions. A reference of a single period, or of periods that all agree, has
 * no spread to measure against; then the two-proportion z-test stands in, with the pooled proportion
 * smoothed by half a record so that a proportion never seen before still gives a finite z.
 */
public final class ZScores {
  private ZScores() {}

  /** A period's count of records with the property among its records. */
  public record Period(long hits, long rows) {}

  /** The z of {@code hits / rows} of the current period against the reference periods. */
  public static double proportion(long hits, long rows, List<Period> reference) {
    if (rows == 0) {
      return 0;
    }
    double current = (double) hits / rows;
    List<Period> periods = reference.stream().filter(p -> p.rows() > 0).toList();
    if (periods.size() >= 2) {
      double[] ratios = periods.stream().mapToDouble(p -> (double) p.hits() / p.rows()).toArray();
      double mean = java.util.Arrays.stream(ratios).average().orElse(0);
      double sd = Math.sqrt(java.util.Arrays.stream(ratios).map(r -> (r - mean) * (r - mean)).sum() / (ratios.length - 1));
      if (sd > 0) {
        return (current - mean) / sd;
      }
    }
    long refHits = periods.stream().mapToLong(Period::hits).sum();
    long refRows = periods.stream().mapToLong(Period::rows).sum();
    if (refRows == 0) {
      return 0;
    }
    double pooled = (refHits + hits + 0.5) / (refRows + rows + 1.0);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / rows + 1.0 / refRows));
    return (current - (double) refHits / refRows) / se;
  }
}
