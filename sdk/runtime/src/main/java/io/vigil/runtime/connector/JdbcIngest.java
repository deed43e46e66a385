package io.vigil.runtime.connector;

import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_FILE;
import static io.vigil.api.dataset.TechnicalColumns.TR_WRITER;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.vigil.api.connector.ExtractMode;
import io.vigil.api.connector.JdbcConnector;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.dataset.Internal;
import io.vigil.runtime.dataset.Routing;
import io.vigil.runtime.dataset.SqlLiterals;
import io.vigil.runtime.dataset.WriteOptions;
import io.vigil.runtime.dataset.WriteResult;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.runtime.store.Secret;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads a database table or query into datasets, the way KeplerAI's database ingestion does: FULL
 * reads every row; INCREMENTAL reads only rows whose incremental column is after the high-water
 * mark of earlier runs (the largest value this connector stored before this execution date) and,
 * for a timestamp column, not after the execution date. The mark is read from the targets
 * themselves, so a rerun of the same date reads the same rows and no state can drift.
 */
final class JdbcIngest {
  private static final DateTimeFormatter SQL_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private JdbcIngest() {}

  static UploadResult upload(RunContext context, JdbcConnector connector, UploadOptions options) {
    Environment env = options.environment() != null ? options.environment() : context.environment();
    context.checkWritable(env, "connector " + connector.identifier());
    String schemaName = connector.schemaDatasetName();
    if (schemaName == null) {
      throw RuntimeErrors.jdbcWithoutSchema(connector.identifier());
    }
    DataSet schema = context.catalog().dataset(schemaName);
    Secret password = context.secrets().resolve(connector.password(), "connector " + connector.identifier());
    Properties props = new Properties();
    if (connector.username() != null) {
      props.setProperty("user", connector.username());
    }
    if (password != null) {
      props.setProperty("password", password.reveal());
    }
    props.setProperty("fetchsize", String.valueOf(connector.fetchSize() != null ? connector.fetchSize() : 10_000));
    String source = connector.table() != null ? connector.table() : "(" + connector.query() + ") vigil_query";
    String relation = source;
    if (connector.extractMode() == ExtractMode.INCREMENTAL) {
      relation = "(select * from " + source + " where " + window(context, connector, schema, env) + ") vigil_increment";
    }
    Dataset<Row> rows;
    try {
      rows = context.spark().read().jdbc(connector.url(), relation, props);
    } catch (RuntimeException e) {
      throw RuntimeErrors.jdbcReadFailed(connector.identifier(), maskedUrl(connector.url()), rootMessage(e) + driverHint(e, connector), e);
    }
    List<String> fields = schema.fieldList().stream().map(Field::identifier).toList();
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    java.util.Set<String> present = new java.util.HashSet<>();
    for (String c : rows.columns()) {
      present.add(c.toLowerCase(java.util.Locale.ROOT));
    }
    for (String f : fields) {
      String actual = java.util.Arrays.stream(rows.columns()).filter(c -> c.equalsIgnoreCase(f)).findFirst().orElse(null);
      cols.add(actual == null ? lit(null).as(f) : col("`" + actual + "`").as(f));
    }
    Dataset<Row> shaped = rows.select(cols.toArray(org.apache.spark.sql.Column[]::new))
        .withColumn(TR_SOURCE_FILE, lit(connector.table() != null ? connector.table() : "query"))
        .withColumn(Internal.ORDINAL, monotonically_increasing_id())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long in = shaped.count();
      List<Routing.Route> routes = connector.targets().stream().map(t -> new Routing.Route(t.datasetName(), t.condition())).toList();
      String rejectTo = connector.defaultTargetDatasetName() != null ? connector.defaultTargetDatasetName() : schemaName;
      List<WriteResult> results = new ArrayList<>();
      WriteOptions write = new WriteOptions(env, connector.identifier(), true, false);
      for (var target : Routing.route(shaped, schema, routes, connector.defaultTargetDatasetName(), rejectTo, true).entrySet()) {
        results.add(Datasets.write(context, target.getValue(), target.getKey(), write));
      }
      long rejected = results.stream().mapToLong(WriteResult::rejected).sum();
      context.metrics().add(connector.identifier() + "-uploaded_rows", in);
      return new UploadResult(connector.identifier(), env, context.executionDate(),
          List.of(new FileResult(maskedUrl(connector.url()) + " " + source, in, in - rejected, rejected, null)), results);
    } finally {
      shaped.unpersist();
    }
  }

  /** The SQL predicate selecting new rows: after the high-water mark, and not after the execution date. */
  private static String window(RunContext context, JdbcConnector connector, DataSet schema, Environment env) {
    String column = connector.incrementalColumn();
    Field field = schema.findField(column);
    boolean temporal = field != null && field.dataType() == DataType.TIMESTAMP;
    Object mark = highWaterMark(context, connector, env);
    List<String> parts = new ArrayList<>();
    if (mark != null) {
      parts.add(column + " > " + literal(mark));
    }
    if (temporal) {
      parts.add(column + " <= '" + SQL_TS.format(context.executionDate()) + "'");
    }
    return parts.isEmpty() ? "1 = 1" : String.join(" and ", parts);
  }

  /** The largest incremental value this connector stored for an earlier execution date, or null. */
  private static Object highWaterMark(RunContext context, JdbcConnector connector, Environment env) {
    Object best = null;
    for (String dataset : connector.targetDatasetNames()) {
      String path = context.layout().datasetPath(env, dataset);
      if (!DeltaTables.exists(context.spark(), path)) {
        continue;
      }
      Row row = context.spark().read().format("delta").load(path)
          .where(col(TR_WRITER).equalTo(connector.identifier())
              .and(col(TR_JOB_TS).lt(expr(SqlLiterals.timestamp(context.executionDate())))))
          .agg(max(col(connector.incrementalColumn()))).first();
      Object value = row.isNullAt(0) ? null : row.get(0);
      if (value != null && (best == null || compare(value, best) > 0)) {
        best = value;
      }
    }
    return best;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  private static String literal(Object value) {
    if (value instanceof Timestamp ts) {
      return "'" + SQL_TS.format(ts.toLocalDateTime()) + "'";
    }
    if (value instanceof LocalDateTime ldt) {
      return "'" + SQL_TS.format(ldt) + "'";
    }
    if (value instanceof Number) {
      return value.toString();
    }
    return "'" + value.toString().replace("'", "''") + "'";
  }

  private static String maskedUrl(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1****").replaceAll("(//[^/@:]+:)[^/@]*@", "$1****@");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  private static String driverHint(Throwable e, JdbcConnector connector) {
    return rootMessage(e).contains("No suitable driver")
        ? "; put the JDBC driver for " + connector.database() + " in domains/<domain>/lib/" : "";
  }
}
