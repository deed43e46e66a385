package io.vigil.runtime.retention;

import static io.vigil.api.dataset.TechnicalColumns.TR_PARTITION;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.meta.MetaSchema;
import io.vigil.runtime.schema.CddTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import org.apache.spark.sql.Column;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges an APPEND dataset by its {@code retention_policy} (S1 §3.4.4): a policy of N months keeps
 * the occurred-on months from N-1 months before the execution date's month up to it, and deletes
 * older rows, by their {@code tr_partition} (the occurred-on month), from the Delta table in one
 * commit and from the CDD table, inside one Postgres transaction that also writes the audit row,
 * so a failed Delta delete leaves the CDD as it was. Every purge then vacuums, which removes the
 * Delta files that earlier purges left once Delta's retention window (7 days by default) has
 * passed, so time travel keeps working inside the window.
 *
 * <p>A purge is idempotent: run again for the same execution date it finds nothing and audits nothing.
 */
public final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM");
  /** The vigil_meta version that holds the purge audit. */
  static final int AUDIT_VERSION = 2;

  private Retention() {}

  /** Purges {@code datasetId} in the context's environment; with {@code dryRun} only counts what would go. */
  public static PurgeResult purge(RunContext context, String datasetId, boolean dryRun) {
    DataSet ds = context.catalog().dataset(datasetId);
    if (ds.retentionPolicy() == null) {
      throw RuntimeErrors.purgeWithoutPolicy(datasetId);
    }
    if (ds.ingestionMode() != IngestionMode.APPEND) {
      throw RuntimeErrors.purgeNotAppend(datasetId, ds.ingestionMode());
    }
    Environment env = context.environment();
    if (!dryRun) {
      context.checkWritable(env, "dataset " + datasetId);
      // Before anything is deleted: a purge that cannot be audited does not run.
      int version = context.stores().postgres().withConnection(MetaSchema::currentVersion);
      if (version < AUDIT_VERSION) {
        throw RuntimeErrors.purgeAuditMissing(datasetId, version);
      }
    }
    String keptFrom = YearMonth.from(context.executionDate()).minusMonths(ds.retentionPolicy().monthsToKeep() - 1L).format(MONTH);
    Column old = col(TR_PARTITION).lt(lit(keptFrom));
    String path = context.layout().datasetPath(env, datasetId);
    boolean delta = DeltaTable.isDeltaTable(context.spark(), path);
    long deltaRows = delta ? context.spark().read().format("delta").load(path).where(old).count() : 0;
    long cddRows = cddAndAudit(context, ds, env, keptFrom, deltaRows, dryRun,
        () -> DeltaTable.forPath(context.spark(), path).delete(old));
    if (delta && !dryRun) {
      // Every purge vacuums, so the files an earlier purge left go once the retention window has passed.
      DeltaTable.forPath(context.spark(), path).vacuum();
    }
    PurgeResult result = new PurgeResult(datasetId, env, keptFrom, deltaRows, cddRows, dryRun);
    LOG.info("{} dataset {} in {} before {}: {} Delta rows, {} CDD rows", dryRun ? "Would purge" : "Purged", datasetId, env,
        keptFrom, deltaRows, cddRows);
    return result;
  }

  /**
   * Counts, or deletes, the CDD rows of a published dataset before {@code keptFrom}; when deleting,
   * also runs {@code deleteDelta} and writes the audit, all inside one Postgres transaction. A Delta
   * delete that fails rolls the CDD delete back, so the two stores and the audit agree; only a
   * commit lost after the Delta delete has committed would leave the Delta rows unaudited.
   */
  private static long cddAndAudit(RunContext context, DataSet ds, Environment env, String keptFrom, long deltaRows,
      boolean dryRun, Runnable deleteDelta) {
    String table = CddTables.dataset(context.layout().cddSchema(env), ds).qualifiedName();
    return context.stores().postgres().inTransaction(c -> {
      long rows = 0;
      if (ds.publish()) {
        try (PreparedStatement ps = c.prepareStatement((dryRun ? "select count(*) from " : "with gone as (delete from ")
            + table + " where " + TR_PARTITION + " < ?" + (dryRun ? "" : " returning 1) select count(*) from gone"))) {
          ps.setString(1, keptFrom);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            rows = rs.getLong(1);
          }
        }
      }
      if (!dryRun && deltaRows > 0) {
        deleteDelta.run();
      }
      if (!dryRun && (rows > 0 || deltaRows > 0)) {
        audit(c, context, ds.identifier(), env, keptFrom, deltaRows, rows);
      }
      return rows;
    });
  }

  private static void audit(Connection c, RunContext context, String dataset, Environment env, String keptFrom,
      long deltaRows, long cddRows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into " + MetaSchema.SCHEMA + ".purge_audit"
        + " (solution, dataset, environment, kept_from, delta_rows, cdd_rows, purged_by) values (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, context.solution());
      ps.setString(2, dataset);
      ps.setString(3, env.key());
      ps.setString(4, keptFrom);
      ps.setLong(5, deltaRows);
      ps.setLong(6, cddRows);
      ps.setString(7, context.user());
      ps.executeUpdate();
    }
  }
}
