package io.vigil.runtime.dataset;

import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_FILE;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_LINE;
import static io.vigil.api.dataset.TechnicalColumns.TR_WRITER;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.vigil.runtime.schema.SparkSchemas;
import java.time.LocalDateTime;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Stores rejected rows in a dataset's rejected-rows table. Each call replaces what the same writer
 * rejected for the same execution date, so reruns leave exactly one copy.
 */
final class RejectedRows {
  private RejectedRows() {}

  /**
   * Replaces the rejects of this writer and date. {@code count} is the number of rows in
   * {@code rejected}; when it is zero and nothing was rejected before, no commit is made.
   */
  static void replace(Dataset<Row> rejected, long count, String path, LocalDateTime executionDate, String writer) {
    String where = TR_JOB_TS + " = " + SqlLiterals.timestamp(executionDate) + " AND " + TR_WRITER + " = "
        + SqlLiterals.string(writer);
    if (count == 0 && rejected.sparkSession().read().format("delta").load(path).where(where).isEmpty()) {
      return;
    }
    Set<String> present = Set.of(rejected.columns());
    Column[] cols = {
      expr(SqlLiterals.timestamp(executionDate)).as(TR_JOB_TS),
      lit(writer).as(TR_WRITER),
      (present.contains(Internal.REJECT_VALIDATOR) ? col(Internal.REJECT_VALIDATOR) : lit(null).cast(DataTypes.StringType))
          .as(SparkSchemas.REJECTED_VALIDATOR),
      col(Internal.REJECT_REASON).as(SparkSchemas.REJECTED_REASON),
      (present.contains(TR_SOURCE_FILE) ? col(TR_SOURCE_FILE) : lit(null).cast(DataTypes.StringType)).as(TR_SOURCE_FILE),
      (present.contains(TR_SOURCE_LINE) ? col(TR_SOURCE_LINE).cast(DataTypes.LongType) : lit(null).cast(DataTypes.LongType))
          .as(TR_SOURCE_LINE),
      col(Internal.RAW).as(SparkSchemas.REJECTED_RECORD)
    };
    rejected.select(cols).write().format("delta").mode("overwrite")
        .option("replaceWhere", where)
        .save(path);
  }
}
