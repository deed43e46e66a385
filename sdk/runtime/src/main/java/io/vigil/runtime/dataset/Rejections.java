package io.vigil.runtime.dataset;

import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_FILE;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_LINE;
import static io.vigil.api.dataset.TechnicalColumns.TR_WRITER;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.schema.SparkSchemas;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows a dataset's writes rejected for the context's execution date and environment, read back
 * from its rejected-rows table: with the file and line they came from, the validator that refused
 * them ({@value #PARSE_ERROR} for a value that did not parse as its type), the reason and the raw
 * record.
 */
public final class Rejections {
  /** The reason label of rows whose values did not parse, which no validator names. */
  public static final String PARSE_ERROR = "parse error";

  private Rejections() {}

  /**
   * The rejected rows of {@code dataset} for the execution date, by file and line: {@code tr_writer},
   * {@code tr_source_file}, {@code tr_source_line}, {@code validator}, {@code reason}, {@code record}.
   * Empty when nothing was rejected or the table does not exist yet.
   */
  public static Dataset<Row> read(RunContext context, String dataset) {
    return of(context, dataset, null)
        .select(col(TR_WRITER), col(TR_SOURCE_FILE), col(TR_SOURCE_LINE), validator().as(SparkSchemas.REJECTED_VALIDATOR),
            col(SparkSchemas.REJECTED_REASON), col(SparkSchemas.REJECTED_RECORD))
        .orderBy(col(TR_SOURCE_FILE).asc_nulls_last(), col(TR_SOURCE_LINE).asc_nulls_last(), col(SparkSchemas.REJECTED_REASON));
  }

  /**
   * How many rows each validator (or {@value #PARSE_ERROR}) rejected for the execution date, most
   * first; only those {@code writer} rejected when it is not null. The counts add up to the rows rejected.
   */
  public static Map<String, Long> reasons(RunContext context, String dataset, String writer) {
    Map<String, Long> out = new LinkedHashMap<>();
    List<Row> rows = of(context, dataset, writer).groupBy(validator().as("v")).count()
        .orderBy(col("count").desc(), col("v")).collectAsList();
    for (Row r : rows) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  private static Column validator() {
    return coalesce(col(SparkSchemas.REJECTED_VALIDATOR), lit(PARSE_ERROR));
  }

  private static Dataset<Row> of(RunContext context, String dataset, String writer) {
    context.catalog().dataset(dataset);
    String path = context.layout().rejectedPath(context.environment(), dataset);
    if (!DeltaTable.isDeltaTable(context.spark(), path)) {
      return context.spark().createDataFrame(List.of(), SparkSchemas.rejected());
    }
    Dataset<Row> all = context.spark().read().format("delta").load(path)
        .where(col(TR_JOB_TS).equalTo(lit(Timestamp.valueOf(context.executionDate()))));
    return writer == null ? all : all.where(col(TR_WRITER).equalTo(lit(writer)));
  }
}
