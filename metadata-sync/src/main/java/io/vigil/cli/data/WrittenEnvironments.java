package io.vigil.cli.data;

import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.vigil.runtime.JobContext;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.schema.DeltaTables;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The data environments (PUBLIC and the user's PRIVATE sandbox) that hold rows of a dataset stamped
 * with an execution date, and the one whose rows were written last, for {@code read} and
 * {@code publish} without {@code --env}. A write stamps its rows' {@code tr_job_ts} with its
 * execution date, and Delta writes new files for them, so the newest file modification time among
 * those rows tells where the latest write for that date went.
 *
 * @param rows rows stamped with the date, per environment that has any, PUBLIC first
 * @param latest the environment written last, empty when none has rows for the date
 */
record WrittenEnvironments(Map<Environment, Long> rows, Optional<Environment> latest) {
  /** Cast in the session's time zone, as the writer's timestamp literal was. */
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  static WrittenEnvironments of(JobContext context, String dataset) {
    SparkSession spark = context.spark();
    Map<Environment, Long> rows = new LinkedHashMap<>();
    Environment latest = null;
    Timestamp latestWrite = null;
    for (Environment env : List.of(Environment.PUBLIC, Environment.privateOf(context.user()))) {
      String path = context.layout().datasetPath(env, dataset);
      if (!DeltaTables.exists(spark, path)) {
        continue;
      }
      // One aggregate per table: the count and the newest file of that date's rows.
      Row r = spark.read().format("delta").load(path)
          .where(col(TR_JOB_TS).equalTo(lit(STAMP.format(context.executionDate())).cast("timestamp")))
          .agg(count(lit(1)), max(col("_metadata.file_modification_time"))).first();
      long n = r.getLong(0);
      if (n == 0) {
        continue;
      }
      rows.put(env, n);
      Timestamp written = r.getTimestamp(1);
      if (latestWrite == null || (written != null && written.after(latestWrite))) {
        latest = env;
        latestWrite = written;
      }
    }
    return new WrittenEnvironments(Collections.unmodifiableMap(rows), Optional.ofNullable(latest));
  }

  /** "PUBLIC has 1606" style, for the environments other than {@code except}; empty when there are none. */
  String others(Environment except) {
    return rows.entrySet().stream().filter(e -> !e.getKey().equals(except))
        .map(e -> e.getKey() + " has " + e.getValue()).collect(Collectors.joining(", "));
  }
}
