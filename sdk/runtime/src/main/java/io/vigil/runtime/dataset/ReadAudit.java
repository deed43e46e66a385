package io.vigil.runtime.dataset;

import io.vigil.api.dataset.DataSet;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.meta.MetaSchema;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * Writes {@code vigil_meta.read_audit}: one row per decrypting read, and per read of a dataset
 * with {@code audited} fields, with who, when, the dataset, the fields, the row count and the reason.
 */
final class ReadAudit {
  /** The vigil_meta version that holds the read audit. */
  static final int VERSION = 3;

  private ReadAudit() {}

  /** Fails before any data is read when the audit table does not exist: an unauditable read does not run. */
  static void check(RunContext context, String dataset) {
    int version = context.stores().postgres().withConnection(MetaSchema::currentVersion);
    if (version < VERSION) {
      throw RuntimeErrors.readAuditMissing(dataset, version);
    }
  }

  static void record(RunContext context, DataSet ds, Environment env, List<String> fields, boolean decrypted, long rows,
      String reason) {
    context.stores().postgres().withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("insert into " + MetaSchema.SCHEMA + ".read_audit"
          + " (solution, dataset, environment, fields, decrypted, row_count, reason, read_by) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, context.solution());
        ps.setString(2, ds.identifier());
        ps.setString(3, env.key());
        ps.setArray(4, c.createArrayOf("text", fields.toArray()));
        ps.setBoolean(5, decrypted);
        ps.setLong(6, rows);
        ps.setString(7, reason);
        ps.setString(8, context.user());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
