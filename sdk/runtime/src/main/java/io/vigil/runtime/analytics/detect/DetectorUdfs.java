package io.vigil.runtime.analytics.detect;

import io.vigil.runtime.analytics.Columns;
import io.vigil.runtime.analytics.FeatureRating;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark UDFs over a broadcast {@link DetectorCore}: each one calls the plain scoring function. */
final class DetectorUdfs {
  static final StructType RATING = DataTypes.createStructType(new StructField[] {
      DataTypes.createStructField("feature", DataTypes.IntegerType, false),
      DataTypes.createStructField("name", DataTypes.StringType, false),
      DataTypes.createStructField("rating", DataTypes.IntegerType, false)});

  private DetectorUdfs() {}

  /** The features as one struct column of doubles, the UDFs' input. */
  static Column features(List<String> names) {
    return functions.struct(names.stream().map(n -> Columns.col(n).cast("double")).toArray(Column[]::new));
  }

  /** The values of a features struct; null when one is null. */
  static double[] values(Row row) {
    double[] x = new double[row.size()];
    for (int i = 0; i < x.length; i++) {
      if (row.isNullAt(i)) {
        return null;
      }
      x[i] = row.getDouble(i);
    }
    return x;
  }

  /** Each algorithm's raw score; null for a record with a missing feature. */
  static UserDefinedFunction raw(Broadcast<DetectorCore> core) {
    UDF1<Row, double[]> f = row -> {
      double[] x = values(row);
      return x == null || !DetectorCore.complete(x) ? null : core.value().raw(x);
    };
    return functions.udf(f, DataTypes.createArrayType(DataTypes.DoubleType, false));
  }

  /** The feature ratings, in decreasing order; null for a record with a missing feature. */
  static UserDefinedFunction ratings(Broadcast<DetectorCore> core) {
    UDF1<Row, Row[]> f = row -> {
      double[] x = values(row);
      if (x == null || !DetectorCore.complete(x)) {
        return null;
      }
      DetectorCore c = core.value();
      FeatureRating r = c.rate(x);
      Row[] out = new Row[r.size()];
      for (int p = 0; p < out.length; p++) {
        out[p] = RowFactory.create(r.featureAt(p), c.featureNames.get(r.featureAt(p)), r.ratingAt(p));
      }
      return out;
    };
    return functions.udf(f, DataTypes.createArrayType(RATING, false));
  }

  /** The {@link io.vigil.runtime.analytics.Explanations#TYPE} struct of each record; null for a missing feature. */
  static UserDefinedFunction explain(Broadcast<DetectorCore> core, int patternLength) {
    UDF1<Row, Row> f = row -> {
      double[] x = values(row);
      if (x == null || !DetectorCore.complete(x)) {
        return null;
      }
      return core.value().explain(x, patternLength).row();
    };
    return functions.udf(f, io.vigil.runtime.analytics.Explanations.TYPE);
  }
}
