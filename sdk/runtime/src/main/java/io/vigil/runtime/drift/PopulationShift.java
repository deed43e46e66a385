package io.vigil.runtime.drift;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The population stability index of columns, reference against current, as the guide defines CSI and
 * PSI: {@code Σ (%actual − %expected) · ln(%actual / %expected)} over bins cut at the reference's
 * quantiles. The edges come from one exact quantile pass over the reference, and the counts of every
 * column's bins on both sides from one grouped aggregation; only the small table of counts reaches
 * the driver. Nulls are a bin of their own, so a column that starts to go missing drifts too; an empty
 * bin counts as {@value #EMPTY_BIN} of its side, the usual floor that keeps the logarithm finite.
 */
final class PopulationShift {
  static final double EMPTY_BIN = 1e-4;
  static final String NULL_BIN = "null";

  private PopulationShift() {}

  /**
   * One column's bins and index.
   *
   * @param edges the upper edges of every bin but the last, ascending and distinct
   * @param reference the reference's share in each bin: the null bin first, then from the lowest bin up
   * @param current the current period's shares in the same order
   * @param index the CSI (or PSI) of the column
   */
  record Binned(String column, double[] edges, double[] reference, double[] current, double index) {}

  /**
   * The index of each of {@code columns} (double columns of {@code both}), where {@code side} tells
   * reference rows from current ones.
   */
  static Map<String, Binned> of(Dataset<Row> both, String side, String referenceSide, List<String> columns, int bins) {
    Dataset<Row> reference = both.where(col(side).equalTo(referenceSide));
    double[] probabilities = new double[bins - 1];
    for (int i = 1; i < bins; i++) {
      probabilities[i - 1] = (double) i / bins;
    }
    double[][] quantiles = reference.stat().approxQuantile(columns.toArray(String[]::new), probabilities, 0.0);
    Map<String, double[]> edges = new LinkedHashMap<>();
    List<Column> items = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      double[] e = Arrays.stream(quantiles[i]).distinct().sorted().toArray();
      edges.put(columns.get(i), e);
      items.add(struct(lit(columns.get(i)).as("c"), bin(col(columns.get(i)), e).as("b")));
    }
    List<Row> counts = both.select(col(side), explode(array(items.toArray(Column[]::new))).as("x"))
        .groupBy(col(side), col("x.c"), col("x.b")).count().collectAsList();
    Map<String, long[]> ref = new LinkedHashMap<>();
    Map<String, long[]> cur = new LinkedHashMap<>();
    edges.forEach((c, e) -> {
      ref.put(c, new long[e.length + 2]);
      cur.put(c, new long[e.length + 2]);
    });
    for (Row r : counts) {
      Map<String, long[]> target = referenceSide.equals(r.getString(0)) ? ref : cur;
      target.get(r.getString(1))[r.getInt(2) + 1] += r.getLong(3);
    }
    Map<String, Binned> out = new LinkedHashMap<>();
    for (String c : columns) {
      double[] e = shares(ref.get(c));
      double[] a = shares(cur.get(c));
      out.put(c, new Binned(c, edges.get(c), e, a, index(e, a)));
    }
    return out;
  }

  /** The bin of a value: -1 for null, i for a value up to edge i, the last bin above every edge. */
  private static Column bin(Column value, double[] edges) {
    Column b = when(value.isNull(), -1);
    for (int i = 0; i < edges.length; i++) {
      b = b.when(value.leq(edges[i]), i);
    }
    return b.otherwise(edges.length);
  }

  private static double[] shares(long[] counts) {
    long total = Arrays.stream(counts).sum();
    return Arrays.stream(counts).mapToDouble(n -> total == 0 ? 0 : (double) n / total).toArray();
  }

  /** {@code Σ (a − e) · ln(a / e)} over the bins either side has records in, empty bins floored at {@value #EMPTY_BIN}. */
  static double index(double[] expected, double[] actual) {
    double sum = 0;
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] == 0 && actual[i] == 0) {
        continue;
      }
      double e = Math.max(expected[i], EMPTY_BIN);
      double a = Math.max(actual[i], EMPTY_BIN);
      sum += (a - e) * Math.log(a / e);
    }
    return sum;
  }
}
