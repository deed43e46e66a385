package io.vigil.runtime.dataset;

import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_FILE;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_LINE;
import static io.vigil.api.dataset.TechnicalColumns.TR_STATUS;
import static io.vigil.api.dataset.TechnicalColumns.TR_STATUS_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_WRITER;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.runtime.crypto.FieldCipher;
import io.vigil.runtime.crypto.FieldKeys;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.schema.DeltaTables;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes rows into a dataset with ThetaRay's history semantics (S1 §3.1.10–3.1.11):
 *
 * <ul>
 *   <li>APPEND adds the rows, partitioned by occurred-on month;
 *   <li>OVERWRITE diffs the snapshot by primary key: new keys are inserted, a changed record gets a
 *       new version and the old one is tagged {@code updated}, a key missing from the snapshot is
 *       tagged {@code deleted}; nothing is physically removed;
 *   <li>UPDATE does the same with only the rows given; a row whose {@code tr_status} is
 *       {@code deleted} deletes its key.
 * </ul>
 *
 * A keyed write is one Delta commit: the first snapshot of an empty table is appended, any other is
 * diffed against the table as it was before the date and applied by {@link HistoryMerge}, which also
 * undoes what an earlier run of the same date wrote (its rows and the tags it set), so a rerun leaves
 * the table identical and a reader never sees it half-applied. Encrypted fields are stored as
 * ciphertext (see {@link FieldCipher}); OVERWRITE and UPDATE compare the snapshot with the decrypted
 * current versions, so a random nonce never makes an unchanged row look changed. The history tag
 * carries the date it was set ({@code tr_status_job_ts}), which keeps as-of reads of earlier dates exact.
 */
final class DatasetWriter {
  private static final String HASH = "_vigil_hash";
  private static final String RANK_DUPLICATE = "_vigil_duplicate";
  private static final String DELETE = "_vigil_delete";

  private DatasetWriter() {}

  static WriteResult write(SparkSession spark, Dataset<Row> input, DataSet ds, Environment env, String tablePath,
      String rejectedPath, LocalDateTime executionDate, String writer, WriteOptions options, FieldKeys keys) {
    if (!DeltaTables.exists(spark, tablePath)) {
      throw RuntimeErrors.datasetTableMissing(ds.identifier(), env.toString(), tablePath);
    }
    Dataset<Row> numbered = Set.of(input.columns()).contains(TR_SOURCE_LINE) ? input
        : input.withColumn(Internal.ORDINAL, monotonically_increasing_id());
    try (Prepared prepared = Prepared.of(numbered, ds, options.schemaPadding())) {
      Dataset<Row> good = prepared.valid();
      Dataset<Row> bad = prepared.invalid();
      Counts counts;
      if (ds.ingestionMode() == IngestionMode.APPEND) {
        long rows = prepared.input - prepared.rejected;
        Dataset<Row> stored = TechnicalValues.add(good, ds, executionDate, writer);
        append(keys == null ? stored : FieldCipher.encrypt(stored, EncryptedFields.targets(ds), keys), tablePath, executionDate,
            writer);
        counts = new Counts(rows, 0, 0, 0, 0);
      } else {
        counts = keyed(spark, good, ds, tablePath, executionDate, writer, options.rewriteHistory(), keys);
        bad = counts.extraRejects == null ? bad : bad.unionByName(counts.extraRejects, true);
      }
      long rejected = prepared.rejected + counts.duplicates;
      if (keys != null) {
        bad = FieldCipher.encrypt(bad, EncryptedFields.rejectedTargets(ds), keys);
      }
      RejectedRows.replace(bad, rejected, rejectedPath, executionDate, writer);
      Map<String, Long> byValidator = new LinkedHashMap<>(prepared.byValidator);
      if (counts.duplicates > 0) {
        byValidator.put("primary_key", counts.duplicates);
      }
      return new WriteResult(ds.identifier(), env, executionDate, prepared.input, counts.written, counts.updated,
          counts.deleted, counts.unchanged, rejected, prepared.warned, byValidator, prepared.outsideValidValues);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // Spark throws AnalysisException (checked for javac) for an expression that does not resolve.
      if (e instanceof org.apache.spark.sql.AnalysisException a) {
        throw RuntimeErrors.datasetExpressionInvalid(ds.identifier(), a.getSimpleMessage(), e);
      }
      throw new IllegalStateException(e);
    }
  }

  private static void append(Dataset<Row> rows, String path, LocalDateTime executionDate, String writer) {
    rows.write().format("delta").mode("overwrite")
        .option("replaceWhere", TR_JOB_TS + " = " + SqlLiterals.timestamp(executionDate) + " AND " + TR_WRITER + " = "
            + SqlLiterals.string(writer))
        .save(path);
  }

  private record Counts(long written, long updated, long deleted, long unchanged, long duplicates, Dataset<Row> extraRejects) {
    Counts(long written, long updated, long deleted, long unchanged, long duplicates) {
      this(written, updated, deleted, unchanged, duplicates, null);
    }
  }

  private static Counts keyed(SparkSession spark, Dataset<Row> good, DataSet ds, String path, LocalDateTime date,
      String writer, boolean rewriteHistory, FieldKeys keys) {
    DeltaTable table = DeltaTable.forPath(spark, path);
    String d = SqlLiterals.timestamp(date);
    // One scan answers: is there a later date, what does a rerun of this date undo, and is the table empty?
    Row state = table.toDF().agg(
        max(when(col(TR_JOB_TS).gt(expr(d)).or(col(TR_STATUS_JOB_TS).gt(expr(d))), col(TR_JOB_TS))),
        max(when(col(TR_JOB_TS).equalTo(expr(d)), lit(1))),
        max(when(col(TR_STATUS_JOB_TS).equalTo(expr(d)), lit(1))),
        count(lit(1))).first();
    if (!rewriteHistory && !state.isNullAt(0)) {
      throw RuntimeErrors.datasetLaterDateWritten(ds.ingestionMode(), ds.identifier(), date, state.get(0));
    }
    HistoryMerge.Undo undo = new HistoryMerge.Undo(!state.isNullAt(1), !state.isNullAt(2));
    boolean empty = num(state, 3) == 0;

    List<String> key = ds.primaryKey();
    Column[] keyCols = key.stream().map(k -> col(k)).toArray(Column[]::new);
    Column fieldHash = sha2(to_json(struct(ds.fieldList().stream().map(f -> col(f.identifier())).toArray(Column[]::new))), 256);

    boolean hasDeleteMarker = ds.ingestionMode() == IngestionMode.UPDATE && Set.of(good.columns()).contains(TR_STATUS);
    Column deleteMarker = hasDeleteMarker
        ? coalesce(col(TR_STATUS), lit("")).equalTo(TechnicalColumns.STATUS_DELETED) : lit(false);
    Column nullKey = key.stream().map(k -> col(k).isNull()).reduce(Column::or).orElse(lit(false));
    // A key may appear once per snapshot. One aggregation of the keys tells whether any repeats or is
    // null; only then are the rows ranked (a window over whole rows, cached) to reject the later ones.
    Row keyStats = good.groupBy(keyCols)
        .agg(count(lit(1)).as("n"), max(when(nullKey, 1).otherwise(0)).as("nulls"),
            sum(when(deleteMarker, 1).otherwise(0)).as("deletes"))
        .agg(max(col("n")), max(col("nulls")), sum(col("n")), sum(col("deletes"))).first();
    boolean unique = num(keyStats, 0) <= 1 && num(keyStats, 1) == 0;
    Dataset<Row> ranked = unique ? null : rank(good, key, keyCols, nullKey);
    Dataset<Row> snapshot = unique ? good : ranked.where(not(col(RANK_DUPLICATE))).drop(RANK_DUPLICATE);
    Dataset<Row> duplicates = unique ? null : duplicates(ranked, key, nullKey);
    try {
      long duplicateCount = unique ? 0 : duplicates.count();
      if (empty) {
        // The first snapshot of an empty table has no history to diff against: every kept row is a
        // new version, appended directly, as fast as a plain write.
        long written = unique ? num(keyStats, 2) - num(keyStats, 3) : snapshot.where(not(deleteMarker)).count();
        if (written > 0) {
          Dataset<Row> stored = TechnicalValues.add(snapshot.where(not(deleteMarker)), ds, date, writer);
          (keys == null ? stored : FieldCipher.encrypt(stored, EncryptedFields.targets(ds), keys))
              .write().format("delta").mode("append").save(path);
        }
        return new Counts(written, 0, 0, 0, duplicateCount, duplicates);
      }
      Dataset<Row> marked = snapshot.withColumn(DELETE, deleteMarker);
      return diffAndMerge(table, marked, duplicates, duplicateCount, ds, key, keyCols, fieldHash, date, writer, undo, keys);
    } finally {
      if (ranked != null) {
        ranked.unpersist();
      }
    }
  }

  /** The rows with {@code _vigil_duplicate} set on all but the first of a key, and on null keys; cached. */
  private static Dataset<Row> rank(Dataset<Row> good, List<String> key, Column[] keyCols, Column nullKey) {
    Column order = Set.of(good.columns()).contains(TR_SOURCE_LINE)
        ? coalesce(col(TR_SOURCE_FILE), lit("")) : lit("");
    Column position = Set.of(good.columns()).contains(TR_SOURCE_LINE) ? col(TR_SOURCE_LINE) : col(Internal.ORDINAL);
    return good
        .withColumn(RANK_DUPLICATE, row_number().over(Window.partitionBy(keyCols).orderBy(order, position)).gt(1).or(nullKey))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  private static Dataset<Row> duplicates(Dataset<Row> ranked, List<String> key, Column nullKey) {
    return ranked.where(col(RANK_DUPLICATE))
        .withColumn(Internal.REJECT_REASON, when(nullKey, lit("a primary key field is null"))
            .otherwise(lit("duplicate primary key " + key + " in the snapshot; the first occurrence was kept")))
        .withColumn(Internal.REJECT_VALIDATOR, lit("primary_key"))
        .drop(RANK_DUPLICATE);
  }

  private static Counts diffAndMerge(DeltaTable table, Dataset<Row> marked, Dataset<Row> duplicates, long duplicateCount, DataSet ds,
      List<String> key, Column[] keyCols, Column fieldHash, LocalDateTime date, String writer, HistoryMerge.Undo undo, FieldKeys keys) {
    String d = SqlLiterals.timestamp(date);
    Column deleteMarker = coalesce(col("s." + DELETE), lit(false));
    Dataset<Row> s = TechnicalValues.add(marked, ds, date, writer, DELETE).withColumn(HASH, fieldHash).as("s");
    // The diff is against the state before this date, so that a rerun's undo and redo are one MERGE. The
    // current versions are compared by their plaintext; the stored key values stay alongside, for the MERGE to match.
    Dataset<Row> current = table.toDF().where(HistoryMerge.currentBefore(d));
    List<Column> currentCols = new ArrayList<>(Arrays.asList(keyCols));
    for (String k : key) {
      current = current.withColumn(HistoryMerge.KEY_PREFIX + k, col(k));
      currentCols.add(col(HistoryMerge.KEY_PREFIX + k));
    }
    if (keys != null) {
      FieldCipher.Decrypted decrypted = FieldCipher.decrypt(current, EncryptedFields.names(ds), keys);
      decrypted.check("write dataset " + ds.identifier());
      current = decrypted.rows();
    }
    currentCols.add(fieldHash.as(HASH));
    Dataset<Row> c = current.select(currentCols.toArray(Column[]::new)).as("c");
    Column join = key.stream().map(k -> col("s." + k).equalTo(col("c." + k))).reduce(Column::and).orElseThrow();
    boolean overwrite = ds.ingestionMode() == IngestionMode.OVERWRITE;
    Column sPresent = col("s." + HASH).isNotNull();
    Column cPresent = col("c." + HASH).isNotNull();
    Column action = when(sPresent.and(deleteMarker), when(cPresent, lit("delete")).otherwise(lit("none")))
        .when(sPresent.and(not(cPresent)), lit("insert"))
        .when(sPresent.and(col("s." + HASH).equalTo(col("c." + HASH))), lit("none"))
        .when(sPresent, lit("change"))
        .when(lit(overwrite), lit("delete"))
        .otherwise(lit("none"));
    List<Column> cols = new ArrayList<>();
    for (String name : TechnicalValues.tableColumns(ds)) {
      cols.add(col("s." + name).as(name));
    }
    for (String k : key) {
      cols.add(col("c." + HistoryMerge.KEY_PREFIX + k).as(HistoryMerge.KEY_PREFIX + k));
    }
    cols.add(action.as(HistoryMerge.ACTION));
    Dataset<Row> diff = s.join(c, join, "full_outer").select(cols.toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Column act = col(HistoryMerge.ACTION);
      Row stats = diff.agg(
          sum(when(act.isin("insert", "change"), 1).otherwise(0)),
          sum(when(act.equalTo("change"), 1).otherwise(0)),
          sum(when(act.equalTo("delete"), 1).otherwise(0)),
          sum(when(act.equalTo("none").and(col(HistoryMerge.KEY_PREFIX + key.get(0)).isNotNull())
              .and(col(TechnicalColumns.TR_ID).isNotNull()), 1).otherwise(0)),
          count(lit(1))).first();
      long written = num(stats, 0);
      long updated = num(stats, 1);
      long deleted = num(stats, 2);
      long unchanged = num(stats, 3);
      if (written + updated + deleted > 0 || undo.any()) {
        HistoryMerge.apply(table, keys == null ? diff : FieldCipher.encrypt(diff, EncryptedFields.targets(ds), keys), ds, key, d,
            undo);
      }
      return new Counts(written, updated, deleted, unchanged, duplicateCount, duplicates);
    } finally {
      diff.unpersist();
    }
  }

  private static long num(Row row, int i) {
    return row.isNullAt(i) ? 0 : ((Number) row.get(i)).longValue();
  }

  /** Field identifiers in order, for callers that project a table to the dataset's fields. */
  static List<String> fieldNames(DataSet ds) {
    return ds.fieldList().stream().map(Field::identifier).toList();
  }
}
