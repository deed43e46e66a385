package io.vigil.runtime.dataset;

import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_STATUS;
import static io.vigil.api.dataset.TechnicalColumns.TR_STATUS_JOB_TS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.TechnicalColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Applies a keyed diff to a dataset table as ONE Delta MERGE, hence one commit: a reader sees the
 * table before the write or after it, never a rerun's undo without its redo.
 *
 * <p>The source is the union of the new versions (which never match, so they are inserted) and the
 * tags (which match the key's current version before the date). A rerun's undo rides on the same
 * MERGE as not-matched-by-source clauses: the versions the date inserted before are deleted and the
 * tags it set are cleared, unless this run tags the same version again (then it is matched and
 * re-tagged instead).
 */
final class HistoryMerge {
  static final String ACTION = "_vigil_action";
  static final String KEY_PREFIX = "_vigil_key_";
  private static final String STATUS = "_vigil_status";

  private HistoryMerge() {}

  /** What a rerun of the date has to undo in the table. */
  record Undo(boolean versions, boolean tags) {
    static final Undo NOTHING = new Undo(false, false);

    boolean any() {
      return versions || tags;
    }
  }

  /**
   * The table's current versions as they were before this date wrote anything: the versions of
   * earlier dates that are untagged, or tagged by this date (a rerun clears those tags).
   */
  static String currentBefore(String d) {
    return TR_JOB_TS + " < " + d + " AND (" + TR_STATUS_JOB_TS + " IS NULL OR " + TR_STATUS_JOB_TS + " = " + d + ")";
  }

  /**
   * Merges {@code diff} (table columns from the snapshot side, {@code _vigil_key_*} from the current
   * side and an {@code _vigil_action} of insert, change, delete or none) into {@code table}.
   */
  static void apply(DeltaTable table, Dataset<Row> diff, DataSet ds, List<String> key, String d, Undo undo) {
    List<Column> tagCols = new ArrayList<>();
    List<Column> insertCols = new ArrayList<>();
    for (String name : TechnicalValues.tableColumns(ds)) {
      insertCols.add(col(name));
      tagCols.add(lit(null).cast(diff.schema().apply(name).dataType()).as(name));
    }
    for (String k : key) {
      insertCols.add(lit(null).cast(diff.schema().apply(KEY_PREFIX + k).dataType()).as(KEY_PREFIX + k));
      tagCols.add(col(KEY_PREFIX + k));
    }
    insertCols.add(lit("insert").as(ACTION));
    insertCols.add(lit(null).cast(DataTypes.StringType).as(STATUS));
    tagCols.add(lit("tag").as(ACTION));
    tagCols.add(when(col(ACTION).equalTo("delete"), lit(TechnicalColumns.STATUS_DELETED))
        .otherwise(lit(TechnicalColumns.STATUS_UPDATED)).as(STATUS));
    Dataset<Row> inserts = diff.where(col(ACTION).isin("insert", "change")).select(insertCols.toArray(Column[]::new));
    Dataset<Row> tags = diff.where(col(ACTION).isin("change", "delete")).select(tagCols.toArray(Column[]::new));
    Dataset<Row> source = inserts.unionByName(tags);
    String on = String.join(" AND ", key.stream().map(k -> "t." + quote(k) + " = s." + quote(KEY_PREFIX + k)).toList())
        + " AND s." + ACTION + " = 'tag' AND t." + TR_JOB_TS + " < " + d
        + " AND (t." + TR_STATUS_JOB_TS + " IS NULL OR t." + TR_STATUS_JOB_TS + " = " + d + ")";
    Map<String, String> tag = Map.of(TR_STATUS, "s." + STATUS, TR_STATUS_JOB_TS, d);
    Map<String, String> insert = new LinkedHashMap<>();
    for (String name : TechnicalValues.tableColumns(ds)) {
      insert.put(quote(name), "s." + quote(name));
    }
    DeltaMergeBuilder merge = table.as("t").merge(source.as("s"), on)
        .whenMatched().updateExpr(tag)
        .whenNotMatched("s." + ACTION + " = 'insert'").insertExpr(insert);
    // Only a rerun adds these: without them Delta touches just the files the source matches.
    if (undo.versions()) {
      merge = merge.whenNotMatchedBySource("t." + TR_JOB_TS + " = " + d).delete();
    }
    if (undo.tags()) {
      Map<String, String> clear = new LinkedHashMap<>();
      clear.put(TR_STATUS, "CAST(NULL AS STRING)");
      clear.put(TR_STATUS_JOB_TS, "CAST(NULL AS TIMESTAMP)");
      merge = merge.whenNotMatchedBySource("t." + TR_STATUS_JOB_TS + " = " + d).updateExpr(clear);
    }
    merge.execute();
  }

  private static String quote(String name) {
    return "`" + name + "`";
  }
}
