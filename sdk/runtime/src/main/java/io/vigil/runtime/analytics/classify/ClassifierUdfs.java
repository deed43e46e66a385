package io.vigil.runtime.analytics.classify;

import io.vigil.runtime.analytics.Columns;
import io.vigil.runtime.analytics.FeatureRating;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark UDFs over a broadcast {@link ClassifierCore}, and the scaled-vector UDF used for training. */
final class ClassifierUdfs {
  static final StructType RATING = DataTypes.createStructType(new StructField[] {
      DataTypes.createStructField("feature", DataTypes.IntegerType, false),
      DataTypes.createStructField("name", DataTypes.StringType, false),
      DataTypes.createStructField("rating", DataTypes.IntegerType, false)});

  private ClassifierUdfs() {}

  static Column features(List<String> names) {
    return functions.struct(names.stream().map(n -> Columns.col(n).cast("double")).toArray(Column[]::new));
  }

  /** The values of a features struct; null when one is missing. */
  static double[] values(Row row) {
    double[] x = new double[row.size()];
    for (int i = 0; i < x.length; i++) {
      if (row.isNullAt(i) || !Double.isFinite(row.getDouble(i))) {
        return null;
      }
      x[i] = row.getDouble(i);
    }
    return x;
  }

  /** The scaled features as an MLlib vector, exactly as {@link ClassifierCore} scales them. */
  static UserDefinedFunction scaledVector(io.vigil.runtime.analytics.scaling.Scaler scaler) {
    UDF1<Row, Vector> f = row -> {
      double[] x = values(row);
      return x == null ? null : Vectors.dense(scaler.apply(x));
    };
    return functions.udf(f, SQLDataTypes.VectorType());
  }

  static StructType predictionType(int classes) {
    List<StructField> fields = new ArrayList<>();
    for (int c = 1; c <= classes; c++) {
      fields.add(DataTypes.createStructField("p" + c, DataTypes.DoubleType, false));
    }
    fields.add(DataTypes.createStructField("classification", DataTypes.IntegerType, false));
    return DataTypes.createStructType(fields);
  }

  /** {p1, …, pN, classification}; null for a record with a missing feature. */
  static UserDefinedFunction predict(Broadcast<ClassifierCore> core) {
    UDF1<Row, Row> f = row -> {
      double[] x = values(row);
      if (x == null) {
        return null;
      }
      double[] p = core.value().predict(x);
      Object[] out = new Object[p.length + 1];
      for (int c = 0; c < p.length; c++) {
        out[c] = p[c];
      }
      out[p.length] = ClassifierCore.argmax(p);
      return RowFactory.create(out);
    };
    return functions.udf(f, predictionType(core.value().classes));
  }

  /** The ratings towards the given class (1..N); null for a missing feature or class. */
  static UserDefinedFunction ratings(Broadcast<ClassifierCore> core) {
    UDF2<Row, Integer, Row[]> f = (row, cls) -> {
      double[] x = values(row);
      ClassifierCore c = core.value();
      if (x == null || cls == null || cls < 1 || cls > c.classes) {
        return null;
      }
      FeatureRating r = c.rate(x, cls);
      Row[] out = new Row[r.size()];
      for (int p = 0; p < out.length; p++) {
        out[p] = RowFactory.create(r.featureAt(p), c.featureNames.get(r.featureAt(p)), r.ratingAt(p));
      }
      return out;
    };
    return functions.udf(f, DataTypes.createArrayType(RATING, false));
  }

  /** The {@link io.vigil.runtime.analytics.Explanations#TYPE} struct towards the given class; null when it cannot be rated. */
  static UserDefinedFunction explain(Broadcast<ClassifierCore> core, int patternLength) {
    UDF2<Row, Integer, Row> f = (row, cls) -> {
      double[] x = values(row);
      ClassifierCore c = core.value();
      if (x == null || cls == null || cls < 1 || cls > c.classes) {
        return null;
      }
      return c.explain(x, cls, patternLength).row();
    };
    return functions.udf(f, io.vigil.runtime.analytics.Explanations.TYPE);
  }
}
