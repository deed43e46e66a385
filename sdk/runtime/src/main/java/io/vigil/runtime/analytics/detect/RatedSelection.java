package io.vigil.runtime.analytics.detect;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.vigil.runtime.analytics.Columns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The guide's choice of rated records: the anomalies (score ≥ fusion threshold) plus the
 * {@code round(rating_percentile × (n − anomalies) / 100)} highest-scoring other records (ties by key,
 * ascending). Records without a score are never rated.
 */
final class RatedSelection {
  private RatedSelection() {}

  /** How many records {@link #condition} selects among {@code n} scored records of which {@code anomalies} are anomalies. */
  static long rated(long n, long anomalies, double ratingPercentile) {
    return anomalies + Math.round(ratingPercentile * (n - anomalies) / 100.0);
  }

  /** A boolean column that is true for the rated records of {@code scored} (which has {@code scoreColumn}). */
  static Column condition(Dataset<Row> scored, String scoreColumn, String keyColumn, double threshold, double ratingPercentile) {
    Column score = Columns.col(scoreColumn);
    Column anomaly = score.geq(lit(threshold));
    Row counts = scored.agg(functions.count(score), sum(when(anomaly, 1L).otherwise(0L))).first();
    long n = counts.getLong(0);
    long anomalies = counts.isNullAt(1) ? 0 : counts.getLong(1);
    long extra = rated(n, anomalies, ratingPercentile) - anomalies;
    if (extra <= 0) {
      return anomaly.equalTo(lit(true));
    }
    Column key = Columns.col(keyColumn);
    List<Row> cutoff = scored.where(score.lt(lit(threshold))).select(score.as("s"), key.as("k"))
        .orderBy(col("s").desc(), col("k").asc()).limit((int) Math.min(Integer.MAX_VALUE, extra))
        .orderBy(col("s").asc(), col("k").desc()).limit(1).collectAsList();
    if (cutoff.isEmpty()) {
      return anomaly.equalTo(lit(true));
    }
    double s = cutoff.get(0).getDouble(0);
    Object k = cutoff.get(0).get(1);
    Column below = score.gt(lit(s)).or(score.equalTo(lit(s)).and(k == null ? key.isNull() : key.leq(lit(k)).or(key.isNull())));
    return anomaly.or(score.lt(lit(threshold)).and(below)).equalTo(lit(true));
  }
}
