package io.vigil.runtime.dataset;

import static io.vigil.api.dataset.TechnicalColumns.TR_ID;
import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_PARTITION;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_FILE;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_LINE;
import static io.vigil.api.dataset.TechnicalColumns.TR_STATUS;
import static io.vigil.api.dataset.TechnicalColumns.TR_STATUS_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_TIMESTAMP;
import static io.vigil.api.dataset.TechnicalColumns.TR_WRITER;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.runtime.schema.DateParsing;
import io.vigil.runtime.schema.SparkSchemas;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Computes the technical columns of rows about to be stored (see docs/runtime.md): ids that are
 * stable across reruns, the job and record timestamps, the partition month and the writer.
 */
final class TechnicalValues {
  private TechnicalValues() {}

  /** The rows in table column order: the dataset's fields, then the technical columns, then {@code keep}. */
  static Dataset<Row> add(Dataset<Row> rows, DataSet ds, LocalDateTime executionDate, String writer, String... keep) {
    Set<String> present = Set.of(rows.columns());
    Column jobTs = expr(SqlLiterals.timestamp(executionDate));
    String stamp = executionDate.toString();
    List<Column> out = new ArrayList<>();
    for (Field f : ds.fieldList()) {
      out.add(col(f.identifier()));
    }
    Column sourceFile = present.contains(TR_SOURCE_FILE) ? col(TR_SOURCE_FILE) : lit(null).cast(DataTypes.StringType);
    Column sourceLine = present.contains(TR_SOURCE_LINE) ? col(TR_SOURCE_LINE).cast(DataTypes.LongType) : lit(null).cast(DataTypes.LongType);
    Column id;
    if (ds.ingestionMode() == IngestionMode.APPEND) {
      Column position = present.contains(Internal.ORDINAL) ? col(Internal.ORDINAL).cast(DataTypes.StringType) : lit("");
      id = sha2(concat_ws("|", lit(ds.identifier()), lit(writer), lit(stamp), coalesce(sourceFile, lit("")),
          coalesce(sourceLine.cast(DataTypes.StringType), position)), 256);
    } else {
      List<Column> parts = new ArrayList<>(List.of(lit(ds.identifier()), lit(stamp)));
      for (String key : ds.primaryKey()) {
        parts.add(coalesce(col(key).cast(DataTypes.StringType), lit("\u0000")));
      }
      id = sha2(concat_ws("|", parts.toArray(Column[]::new)), 256);
    }
    out.add(id.as(TR_ID));
    out.add((present.contains(TR_TIMESTAMP) ? coalesce(col(TR_TIMESTAMP), jobTs) : jobTs).as(TR_TIMESTAMP));
    out.add(jobTs.as(TR_JOB_TS));
    out.add(partition(ds, jobTs).as(TR_PARTITION));
    out.add(lit(null).cast(DataTypes.StringType).as(TR_STATUS));
    out.add(lit(null).cast(DataTypes.TimestampType).as(TR_STATUS_JOB_TS));
    out.add(lit(writer).as(TR_WRITER));
    out.add(sourceFile.as(TR_SOURCE_FILE));
    out.add(sourceLine.as(TR_SOURCE_LINE));
    for (String column : keep) {
      out.add(col(column));
    }
    return rows.select(out.toArray(Column[]::new));
  }

  /** {@code YYYY_MM} of the occurred-on value, or of the execution date when there is none. */
  static Column partition(DataSet ds, Column jobTs) {
    Column occurred = null;
    if (ds.occurredOnField() != null) {
      Field f = ds.findField(ds.occurredOnField());
      if (f != null && f.dataType() == DataType.TIMESTAMP) {
        occurred = col(f.identifier());
      } else if (f != null && f.dateFormat() != null) {
        occurred = DateParsing.timestamp(col(f.identifier()).cast(DataTypes.StringType), f.dateFormat());
      }
    }
    Column when = occurred == null ? jobTs : coalesce(occurred, jobTs);
    return date_format(when, "yyyy_MM");
  }

  /** The table's column names in order. */
  static String[] tableColumns(DataSet ds) {
    return java.util.Arrays.stream(SparkSchemas.table(ds).fields()).map(StructField::name).toArray(String[]::new);
  }
}
