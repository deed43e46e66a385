package io.vigil.runtime.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.vigil.runtime.errors.RuntimeErrors;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a model was trained on, recorded with its run: the row count, and the range of one column
 * (the occurred-on date or the job timestamp, say).
 *
 * @param rows the number of training rows
 * @param rangeColumn the column the range is of; null when no range is recorded
 * @param from its smallest value, as text; null when there is no range or no non-null value
 * @param to its largest value, as text
 */
public record TrainingData(long rows, String rangeColumn, String from, String to) {
  public TrainingData {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative: " + rows);
    }
  }

  /** A row count without a range. */
  public static TrainingData rows(long rows) {
    return new TrainingData(rows, null, null, null);
  }

  /** Counts the rows of {@code df} and the range of {@code rangeColumn} in one aggregation (null column: no range). */
  public static TrainingData of(Dataset<Row> df, String rangeColumn) {
    if (rangeColumn == null) {
      return rows(df.count());
    }
    if (!Arrays.asList(df.columns()).contains(rangeColumn)) {
      throw RuntimeErrors.trainingDataColumnMissing(rangeColumn, List.of(df.columns()));
    }
    Row r = df.agg(count(lit(1)), min(col(rangeColumn)).cast("string"), max(col(rangeColumn)).cast("string")).first();
    return new TrainingData(r.getLong(0), rangeColumn, r.isNullAt(1) ? null : r.getString(1),
        r.isNullAt(2) ? null : r.getString(2));
  }

  boolean hasRange() {
    return rangeColumn != null;
  }
}
