package io.vigil.runtime.analytics.detect;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@link DetectorModel#predict} on Spark: each partition is scored in batches of {@value #BATCH}
 * records through {@link DetectorCore#scores(double[][], int)}, which walks the trees one at a time
 * over the whole batch (a tree then stays in the cache) and gives the same numbers as one record at a time.
 */
final class ScoringPartitions {
  static final int BATCH = 1024;

  private ScoringPartitions() {}

  /** {@code data} (without score columns) plus the score of each record and of each algorithm. */
  static Dataset<Row> predict(Dataset<Row> data, Broadcast<DetectorCore> core, List<String> features, Algorithm[] algorithms,
      List<String> scoreColumns) {
    StructType out = data.schema();
    for (String c : scoreColumns) {
      out = out.add(c, DataTypes.DoubleType, true);
    }
    int width = data.schema().size();
    int[] at = features.stream().mapToInt(f -> data.schema().fieldIndex(f)).toArray();
    int scores = algorithms.length + 1;
    MapPartitionsFunction<Row, Row> score = rows -> new Batches(rows, core.value(), at, width, scores);
    return data.mapPartitions(score, Encoders.row(out));
  }

  /** Reads up to {@value #BATCH} rows, scores them together, hands them out, and repeats. */
  private static final class Batches implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final DetectorCore core;
    private final int[] at;
    private final int width;
    private final int scores;
    private final List<Row> pending = new ArrayList<>(BATCH);
    private final double[][] complete = new double[BATCH][];
    private final int[] completeAt = new int[BATCH];
    private final List<Row> ready = new ArrayList<>(BATCH);
    private int next;

    Batches(Iterator<Row> rows, DetectorCore core, int[] at, int width, int scores) {
      this.rows = rows;
      this.core = core;
      this.at = at;
      this.width = width;
      this.scores = scores;
    }

    @Override
    public boolean hasNext() {
      if (next < ready.size()) {
        return true;
      }
      ready.clear();
      next = 0;
      pending.clear();
      while (pending.size() < BATCH && rows.hasNext()) {
        pending.add(rows.next());
      }
      if (pending.isEmpty()) {
        return false;
      }
      int n = 0;
      for (int i = 0; i < pending.size(); i++) {
        double[] x = features(pending.get(i));
        if (x != null && DetectorCore.complete(x)) {
          complete[n] = x;
          completeAt[n++] = i;
        }
      }
      double[][] s = core.scores(complete, n);
      double[][] byRow = new double[pending.size()][];
      for (int k = 0; k < n; k++) {
        byRow[completeAt[k]] = s[k];
      }
      for (int i = 0; i < pending.size(); i++) {
        Row row = pending.get(i);
        Object[] values = new Object[width + scores];
        for (int c = 0; c < width; c++) {
          values[c] = row.get(c);
        }
        for (int a = 0; a < scores; a++) {
          values[width + a] = byRow[i] == null ? null : byRow[i][a];
        }
        ready.add(RowFactory.create(values));
      }
      return true;
    }

    /** The record's features as doubles (as Spark casts numbers to double); null when one is null. */
    private double[] features(Row row) {
      double[] x = new double[at.length];
      for (int i = 0; i < at.length; i++) {
        Object v = row.get(at[i]);
        if (v == null) {
          return null;
        }
        x[i] = ((Number) v).doubleValue();
      }
      return x;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.get(next++);
    }
  }
}
