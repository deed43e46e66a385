package io.vigil.runtime.analytics;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One record's explanation as the evaluation columns hold it: the rank and rating of each model feature
 * (by feature index) and the pattern of the top features. It is computed once, in plain Java, from a
 * {@link FeatureRating}; the Spark UDFs turn it into an {@link Explanations#TYPE} row and single-record
 * evaluation reads it directly, so batch and real time cannot give different explanations.
 */
public final class Explanation {
  private final int[] ranks;
  private final int[] ratings;
  private final String pattern;

  private Explanation(int[] ranks, int[] ratings, String pattern) {
    this.ranks = ranks;
    this.ratings = ratings;
    this.pattern = pattern;
  }

  /** The explanation of {@code rating} over the model's feature {@code names}, with a pattern of at most {@code patternLength} names. */
  public static Explanation of(FeatureRating rating, List<String> names, int patternLength) {
    int n = rating.size();
    int[] ranks = new int[n];
    int[] ratings = new int[n];
    for (int i = 0; i < n; i++) {
      ranks[i] = rating.rankOf(i);
      ratings[i] = rating.ratingOf(i);
    }
    return new Explanation(ranks, ratings, Explanations.pattern(rating, names, patternLength));
  }

  /** The number of features. */
  public int size() {
    return ranks.length;
  }

  /** The rank of feature {@code feature}: 1 for the top contributor. */
  public int rankOf(int feature) {
    return ranks[feature];
  }

  /** The rating of feature {@code feature}, out of {@link FeatureRating#TOTAL}. */
  public int ratingOf(int feature) {
    return ratings[feature];
  }

  /** The names of the top rated features joined by {@code #}. */
  public String pattern() {
    return pattern;
  }

  /** The {@link Explanations#TYPE} row, as the Spark UDFs return it. */
  public Row row() {
    Integer[] r = new Integer[ranks.length];
    Integer[] s = new Integer[ratings.length];
    for (int i = 0; i < ranks.length; i++) {
      r[i] = ranks[i];
      s[i] = ratings[i];
    }
    return RowFactory.create(r, s, pattern);
  }
}
