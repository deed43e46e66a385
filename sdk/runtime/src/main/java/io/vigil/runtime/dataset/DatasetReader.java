package io.vigil.runtime.dataset;

import static io.vigil.api.dataset.TechnicalColumns.TR_ID;
import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_PARTITION;
import static io.vigil.api.dataset.TechnicalColumns.TR_STATUS_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_TIMESTAMP;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.DeltaTables;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a dataset the way the guide defines (S1 §3.1.14–3.1.15): APPEND returns the rows of the
 * execution date (or of a {@code from_job_ts}–{@code to_job_ts} range); OVERWRITE and UPDATE return
 * the as-of view: for each key the version current at that date, deleted keys left out.
 */
final class DatasetReader {
  private DatasetReader() {}

  static Dataset<Row> read(SparkSession spark, DataSet ds, String path, LocalDateTime executionDate, ReadOptions options) {
    if (!DeltaTables.exists(spark, path)) {
      throw RuntimeErrors.datasetTableMissingForRead(ds.identifier(), path);
    }
    Dataset<Row> table = spark.read().format("delta").load(path);
    if (options.history()) {
      return filterRange(table, options);
    }
    Dataset<Row> rows;
    if (ds.ingestionMode() == IngestionMode.APPEND) {
      LocalDateTime from = options.fromJobTs();
      LocalDateTime to = options.toJobTs();
      if (from == null && to == null) {
        rows = table.where(TR_JOB_TS + " = " + SqlLiterals.timestamp(executionDate));
      } else {
        rows = filterRange(table, options);
      }
    } else {
      String asOf = SqlLiterals.timestamp(options.toJobTs() != null ? options.toJobTs() : executionDate);
      rows = table.where(TR_JOB_TS + " <= " + asOf + " AND (" + TR_STATUS_JOB_TS + " IS NULL OR "
          + TR_STATUS_JOB_TS + " > " + asOf + ")");
    }
    List<String> columns = new ArrayList<>(DatasetWriter.fieldNames(ds));
    columns.addAll(List.of(TR_ID, TR_TIMESTAMP, TR_JOB_TS, TR_PARTITION));
    return rows.selectExpr(columns.stream().map(c -> "`" + c + "`").toArray(String[]::new));
  }

  private static Dataset<Row> filterRange(Dataset<Row> table, ReadOptions options) {
    Dataset<Row> rows = table;
    if (options.fromJobTs() != null) {
      rows = rows.where(TR_JOB_TS + " >= " + SqlLiterals.timestamp(options.fromJobTs()));
    }
    if (options.toJobTs() != null) {
      rows = rows.where(TR_JOB_TS + " <= " + SqlLiterals.timestamp(options.toJobTs()));
    }
    return rows;
  }
}
