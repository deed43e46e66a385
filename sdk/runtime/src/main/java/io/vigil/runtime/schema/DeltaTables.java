package io.vigil.runtime.schema;

import io.delta.tables.DeltaTable;
import io.vigil.runtime.errors.RuntimeErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Creates Delta tables and evolves their schema. Sync is the only caller that creates tables; the
 * runtime only checks that a table exists. New columns are added as nullable; any other schema
 * change is refused here (sync's planner gates such changes as breaking).
 */
public final class DeltaTables {
  /** What {@link #ensure} did. */
  public enum Outcome {
    CREATED,
    EVOLVED,
    UNCHANGED
  }

  private DeltaTables() {}

  public static boolean exists(SparkSession spark, String path) {
    return DeltaTable.isDeltaTable(spark, path);
  }

  /** Creates the table at {@code path}, or adds the columns of {@code schema} it lacks. */
  public static Outcome ensure(SparkSession spark, String path, StructType schema, List<String> partitionBy) {
    if (!exists(spark, path)) {
      DeltaTable.createIfNotExists(spark)
          .location(path)
          .addColumns(schema)
          .partitionedBy(partitionBy.toArray(String[]::new))
          .execute();
      return Outcome.CREATED;
    }
    StructType current = DeltaTable.forPath(spark, path).toDF().schema();
    List<StructField> missing = new ArrayList<>();
    for (StructField wanted : schema.fields()) {
      StructField have = find(current, wanted.name());
      if (have == null) {
        missing.add(wanted);
      } else if (!have.dataType().equals(wanted.dataType())) {
        throw RuntimeErrors.deltaColumnTypeChanged(path, wanted.name(), have.dataType().simpleString(), wanted.dataType().simpleString());
      }
    }
    if (missing.isEmpty()) {
      return Outcome.UNCHANGED;
    }
    String columns = missing.stream().map(f -> "`" + f.name() + "` " + f.dataType().sql()).collect(Collectors.joining(", "));
    spark.sql("ALTER TABLE delta.`" + path + "` ADD COLUMNS (" + columns + ")");
    return Outcome.EVOLVED;
  }

  private static StructField find(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }
}
