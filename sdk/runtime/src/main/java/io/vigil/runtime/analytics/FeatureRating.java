package io.vigil.runtime.analytics;

import java.util.Arrays;

/**
 * The feature ratings of one record (S1 §5.2.3 {@code feature_rating}): every feature with an integer
 * rating, in decreasing order of rating (ties by feature index), the ratings summing to exactly 10,000
 * (percent × 100).
 */
public final class FeatureRating {
  /** The sum of the ratings of every record. */
  public static final int TOTAL = 10_000;

  private final int[] features;
  private final int[] ratings;
  private final int[] rankOf;

  private FeatureRating(int[] features, int[] ratings) {
    this.features = features;
    this.ratings = ratings;
    this.rankOf = new int[features.length];
    for (int position = 0; position < features.length; position++) {
      rankOf[features[position]] = position + 1;
    }
  }

  /**
   * Ratings proportional to {@code contributions} (each ≥ 0), rounded by the largest-remainder method
   * so they sum to exactly {@link #TOTAL}. When every contribution is 0 the features share equally.
   */
  public static FeatureRating of(double[] contributions) {
    int n = contributions.length;
    if (n == 0) {
      throw new IllegalArgumentException("Cannot rate features: there are none");
    }
    double sum = 0;
    for (double c : contributions) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("Cannot rate features: a contribution is negative or not finite: " + c);
      }
      sum += c;
    }
    double[] exact = new double[n];
    for (int i = 0; i < n; i++) {
      exact[i] = sum > 0 ? contributions[i] * TOTAL / sum : (double) TOTAL / n;
    }
    int[] rating = new int[n];
    int assigned = 0;
    for (int i = 0; i < n; i++) {
      rating[i] = (int) Math.floor(exact[i]);
      assigned += rating[i];
    }
    // Largest remainder: the shortfall (< n) goes one unit each to the largest fractional parts.
    Integer[] byRemainder = new Integer[n];
    for (int i = 0; i < n; i++) {
      byRemainder[i] = i;
    }
    Arrays.sort(byRemainder, (a, b) -> {
      int c = Double.compare(exact[b] - rating[b], exact[a] - rating[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    for (int k = 0; assigned < TOTAL; k++) {
      rating[byRemainder[k % n]]++;
      assigned++;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Integer.compare(rating[b], rating[a]);
      if (c != 0) {
        return c;
      }
      c = Double.compare(contributions[b], contributions[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] features = new int[n];
    int[] ratings = new int[n];
    for (int p = 0; p < n; p++) {
      features[p] = order[p];
      ratings[p] = rating[order[p]];
    }
    return new FeatureRating(features, ratings);
  }

  /** The number of features. */
  public int size() {
    return features.length;
  }

  /** The feature index at {@code position} (0 = the top contributor). */
  public int featureAt(int position) {
    return features[position];
  }

  /** The rating at {@code position}. */
  public int ratingAt(int position) {
    return ratings[position];
  }

  /** The rank of feature {@code feature}: 1 for the top contributor. */
  public int rankOf(int feature) {
    return rankOf[feature];
  }

  /** The rating of feature {@code feature}. */
  public int ratingOf(int feature) {
    return ratings[rankOf[feature] - 1];
  }

  /** The guide's row layout: feature index, rating, feature index, rating, … in decreasing order. */
  public int[] pairs() {
    int[] out = new int[2 * features.length];
    for (int p = 0; p < features.length; p++) {
      out[2 * p] = features[p];
      out[2 * p + 1] = ratings[p];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureRating r && Arrays.equals(features, r.features) && Arrays.equals(ratings, r.ratings);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(features) + Arrays.hashCode(ratings);
  }

  @Override
  public String toString() {
    return Arrays.toString(pairs());
  }
}
