package io.vigil.sync.apply;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.sync.plan.Action;
import io.vigil.sync.plan.Change;
import io.vigil.sync.resource.DeltaSpecs;
import io.vigil.sync.resource.DeltaSpecs.DeltaTableSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Delta changes. Creating and adding nullable columns go through {@link DeltaTables#ensure}; a
 * replace rewrites the table with the new schema and partitioning, casting kept columns and
 * filling new ones with nulls (values a narrowed type cannot hold become null, which is why a
 * replace is breaking); a delete removes the table's directory.
 */
final class DeltaSteps {
  private DeltaSteps() {}

  static void apply(SparkSession spark, Change change) {
    switch (change.action()) {
      case CREATE, UPDATE -> {
        DeltaTableSpec t = DeltaSpecs.fromSpec(change.after().spec());
        DeltaTables.ensure(spark, t.location(), t.schema(), t.partitionBy());
      }
      case REPLACE -> replace(spark, DeltaSpecs.fromSpec(change.before().spec()), DeltaSpecs.fromSpec(change.after().spec()));
      case DELETE -> delete(spark, DeltaSpecs.fromSpec(change.before().spec()).location());
    }
  }

  private static void replace(SparkSession spark, DeltaTableSpec before, DeltaTableSpec after) {
    String source = DeltaTables.exists(spark, before.location()) ? before.location()
        : DeltaTables.exists(spark, after.location()) ? after.location() : null;
    if (source == null) {
      DeltaTables.ensure(spark, after.location(), after.schema(), after.partitionBy());
      return;
    }
    Dataset<Row> old = spark.read().format("delta").load(source);
    List<String> have = Arrays.asList(old.columns());
    List<Column> columns = new ArrayList<>();
    for (StructField f : after.schema().fields()) {
      Column c = have.contains(f.name()) ? col("`" + f.name() + "`").cast(f.dataType()) : lit(null).cast(f.dataType());
      columns.add(c.as(f.name()));
    }
    // Delta reads a snapshot, so a table can be overwritten with a query over itself.
    Dataset<Row> rewritten = old.select(columns.toArray(Column[]::new));
    rewritten.write().format("delta").mode("overwrite").option("overwriteSchema", "true")
        .partitionBy(after.partitionBy().toArray(String[]::new)).save(after.location());
    if (!source.equals(after.location())) {
      delete(spark, source);
    }
  }

  private static void delete(SparkSession spark, String location) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
    } catch (IOException e) {
      throw new VigilException(ErrorCode.STORE_FAILURE, "Cannot delete Delta table " + location + ": " + e.getMessage(), e);
    }
  }
}
