package io.vigil.runtime.dataset;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;

import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.CddColumn;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.store.Postgres;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;

/**
 * Copies a Dataset into a CDD table the way publish does (S1 §3.1.12): Spark partitions stream in
 * parallel with {@code COPY FROM STDIN} into an unlogged staging table, and one transaction then
 * replaces the rows of one execution date (or the whole table) with the staged ones, so readers
 * never see a partial copy and a rerun gives the same table.
 */
public final class CddCopy {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** What a copy did: the rows copied and the Spark partitions that streamed them. */
  public record Copied(long rows, int partitions) {}

  private CddCopy() {}

  /**
   * Copies {@code rows} (which hold every column of {@code table}) into {@code table}, replacing
   * the rows whose {@code tr_job_ts} is {@code date}, or every row when {@code date} is null.
   */
  public static Copied replace(RunContext context, CddTable table, Dataset<Row> rows, LocalDateTime date) {
    Postgres pg = context.stores().postgres();
    try (Staged staged = stage(context, table, rows)) {
      String columns = columnList(table);
      String replace = date != null
          ? "delete from " + table.qualifiedName() + " where " + CddTable.quote(TechnicalColumns.TR_JOB_TS)
              + " = timestamp '" + STAMP.format(date) + "'"
          : "delete from " + table.qualifiedName();
      pg.inTransaction(c -> {
        try (Statement s = c.createStatement()) {
          s.execute(replace);
          s.execute("insert into " + table.qualifiedName() + " (" + columns + ") select " + columns + " from " + staged.name());
        }
        return null;
      });
      return staged.copied();
    }
  }

  /**
   * Streams {@code rows} (which hold every column of {@code table}) in parallel into a new unlogged
   * table shaped like {@code table}, for a caller that merges them in with its own set-based SQL
   * (the graph publisher upserts). Closing the result drops the staging table.
   */
  public static Staged stage(RunContext context, CddTable table, Dataset<Row> rows) {
    Postgres pg = context.stores().postgres();
    requireTable(pg, table);
    Dataset<Row> text = rows.select(table.columns().stream().map(c -> asText(rows, c)).toArray(Column[]::new));
    String stage = table.name().length() > 40 ? table.name().substring(0, 40) : table.name();
    stage = stage + "__stage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String stageName = CddTable.quote(table.schema()) + "." + CddTable.quote(stage);
    pg.withConnection(c -> c.createStatement().execute(
        "create unlogged table " + stageName + " (like " + table.qualifiedName() + " including defaults)"));
    Staged staged = new Staged(pg, stageName);
    try {
      LongAccumulator copied = context.spark().sparkContext().longAccumulator("published_rows");
      String copySql = "copy " + stageName + " (" + columnList(table) + ") from stdin with (format csv)";
      text.foreachPartition(new CopyWriter(pg.url(), pg.jdbcProperties(), copySql, copied));
      staged.copied = new Copied(copied.value(), text.rdd().getNumPartitions());
      return staged;
    } catch (RuntimeException e) {
      staged.close();
      throw e;
    }
  }

  /** A staging table that {@link #stage} filled; {@link #close} drops it. */
  public static final class Staged implements AutoCloseable {
    private final Postgres pg;
    private final String name;
    private Copied copied;

    private Staged(Postgres pg, String name) {
      this.pg = pg;
      this.name = name;
    }

    /** The staging table's quoted, schema-qualified name. */
    public String name() {
      return name;
    }

    /** The rows copied in and the partitions that streamed them. */
    public Copied copied() {
      return copied;
    }

    @Override
    public void close() {
      pg.withConnection(c -> c.createStatement().execute("drop table if exists " + name));
    }
  }

  private static String columnList(CddTable table) {
    return table.columns().stream().map(c -> CddTable.quote(c.name())).collect(Collectors.joining(", "));
  }

  private static void requireTable(Postgres pg, CddTable table) {
    boolean exists = pg.withConnection(c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select to_regclass('" + table.qualifiedName().replace("'", "''") + "') is not null")) {
        rs.next();
        return rs.getBoolean(1);
      }
    });
    if (!exists) {
      throw RuntimeErrors.cddTableMissing(table.schema(), table.name());
    }
  }

  /** The column as Postgres reads it in CSV: timestamps without zone, arrays as array literals. */
  private static Column asText(Dataset<Row> view, CddColumn column) {
    DataType type = view.schema().apply(column.name()).dataType();
    Column c = col("`" + column.name() + "`");
    Column text;
    if (type.equals(DataTypes.TimestampType)) {
      text = date_format(c, "yyyy-MM-dd HH:mm:ss.SSSSSS");
    } else if (type instanceof ArrayType) {
      text = expr("case when `" + column.name() + "` is null then null else concat('{', array_join(transform(`"
          + column.name() + "`, x -> case when x is null then 'NULL' else concat('\"', replace(replace(cast(x as string), '\\\\', '\\\\\\\\'), '\"', '\\\\\"'), '\"') end), ','), '}') end");
    } else {
      text = c.cast(DataTypes.StringType);
    }
    return text.as(column.name());
  }
}
