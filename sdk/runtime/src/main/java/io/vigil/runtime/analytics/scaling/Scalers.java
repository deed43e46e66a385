package io.vigil.runtime.analytics.scaling;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_pop;

import io.vigil.runtime.analytics.Columns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Fits {@link Scaler}s on Spark: one aggregation pass over the training data. */
public final class Scalers {
  private Scalers() {}

  /** The scaler of {@code normalization} over the (non-null, finite) double {@code columns} of {@code data}. */
  public static Scaler fit(Dataset<Row> data, List<String> columns, Normalization normalization) {
    int n = columns.size();
    List<Column> aggs = new ArrayList<>();
    for (String c : columns) {
      Column x = Columns.col(c);
      aggs.add(min(x));
      aggs.add(max(x));
      aggs.add(avg(x));
      aggs.add(stddev_pop(x));
    }
    Row row = data.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    double[] mn = new double[n];
    double[] mx = new double[n];
    double[] mean = new double[n];
    double[] std = new double[n];
    for (int i = 0; i < n; i++) {
      mn[i] = value(row, 4 * i);
      mx[i] = value(row, 4 * i + 1);
      mean[i] = value(row, 4 * i + 2);
      std[i] = value(row, 4 * i + 3);
    }
    return new Scaler(normalization, mn, mx, mean, std);
  }

  private static double value(Row row, int i) {
    return row.isNullAt(i) ? 0.0 : ((Number) row.get(i)).doubleValue();
  }
}
