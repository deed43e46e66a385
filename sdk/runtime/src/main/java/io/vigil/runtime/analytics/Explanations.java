package io.vigil.runtime.analytics;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A record's explanation by feature index, for the evaluation columns: {@code ranks[i]} (1 = top
 * contributor), {@code ratings[i]} and {@code pattern}, the names of the top features joined by {@code #}.
 * {@link Explanation} computes it; {@link #TYPE} is its Spark shape.
 */
public final class Explanations {
  /** struct&lt;ranks: array&lt;int&gt;, ratings: array&lt;int&gt;, pattern: string&gt;. */
  public static final StructType TYPE = DataTypes.createStructType(new StructField[] {
      DataTypes.createStructField("ranks", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
      DataTypes.createStructField("ratings", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
      DataTypes.createStructField("pattern", DataTypes.StringType, false)});

  private Explanations() {}

  /**
   * The pattern of {@code rating}: the names of its first {@code length} features, in rank order, that
   * have a rating above 0, joined by {@code #} (S1 §6.1 {@code pattern_length}).
   */
  public static String pattern(FeatureRating rating, List<String> names, int length) {
    List<String> top = new ArrayList<>();
    for (int p = 0; p < rating.size() && top.size() < length; p++) {
      if (rating.ratingAt(p) > 0) {
        top.add(names.get(rating.featureAt(p)));
      }
    }
    return String.join("#", top);
  }
}
