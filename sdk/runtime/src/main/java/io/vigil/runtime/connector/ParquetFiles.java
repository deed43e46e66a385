package io.vigil.runtime.connector;

import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_FILE;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_LINE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.vigil.runtime.dataset.Internal;
import io.vigil.runtime.store.ObjectInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Reads Parquet landing files, numbering rows within each file so rejected rows point back to them. */
final class ParquetFiles {
  private ParquetFiles() {}

  static Dataset<Row> read(SparkSession spark, String bucket, Inputs inputs, List<String> fields, boolean padding) {
    Dataset<Row> all = null;
    for (ObjectInfo file : inputs.files()) {
      Dataset<Row> df = spark.read().parquet("s3a://" + bucket + "/" + file.key());
      Set<String> present = Set.of(df.columns());
      List<String> missing = fields.stream().filter(f -> !present.contains(f)).toList();
      List<Column> cols = new ArrayList<>();
      for (String f : fields) {
        cols.add(present.contains(f) ? col("`" + f + "`").cast(DataTypes.StringType).as(f) : lit(null).cast(DataTypes.StringType).as(f));
      }
      cols.add(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(
          java.util.Arrays.stream(df.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new))).as(Internal.RAW));
      String error = !missing.isEmpty() && !padding ? "the file lacks fields " + missing : null;
      Dataset<Row> selected = df.select(cols.toArray(Column[]::new));
      StructType numbered = selected.schema().add(TR_SOURCE_LINE, DataTypes.LongType);
      Dataset<Row> withLines = spark.createDataFrame(selected.javaRDD().zipWithIndex().map(pair -> {
        Object[] values = new Object[pair._1().size() + 1];
        for (int i = 0; i < pair._1().size(); i++) {
          values[i] = pair._1().get(i);
        }
        values[values.length - 1] = pair._2() + 1;
        return org.apache.spark.sql.RowFactory.create(values);
      }), numbered);
      Dataset<Row> out = withLines.withColumn(TR_SOURCE_FILE, lit(inputs.source(file)))
          .withColumn(Internal.REJECT_REASON, error == null ? lit(null).cast(DataTypes.StringType) : lit(error));
      all = all == null ? out : all.unionByName(out);
    }
    return all;
  }
}
