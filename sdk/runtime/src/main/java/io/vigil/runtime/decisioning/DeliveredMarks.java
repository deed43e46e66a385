package io.vigil.runtime.decisioning;

import io.vigil.runtime.delivery.BatchOutcome;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.store.Postgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Marks delivered batches in the alerts table (the outbox). Each delivery thread keeps one
 * connection and one prepared update for the whole distribution, because opening a connection per
 * batch cost several times the update itself. The update is a single auto-committed statement, so
 * a batch is marked entirely or not at all, as before.
 */
final class DeliveredMarks implements AutoCloseable {
  private final Postgres pg;
  private final String sql;
  private final String target;
  private final Map<Thread, PreparedStatement> statements = new ConcurrentHashMap<>();

  DeliveredMarks(Postgres pg, CddTable alerts, String target) {
    this.pg = pg;
    this.sql = "update " + alerts.qualifiedName() + " set distributed_on = now(), distribution_target = ?"
        + " where alert_id = any(?) and distributed_on is null";
    this.target = target;
  }

  /** Marks a delivered batch; an alert already marked (by a run that crashed after sending) is counted once. */
  long mark(BatchOutcome outcome) {
    PreparedStatement ps = statements.computeIfAbsent(Thread.currentThread(), t -> prepare());
    try {
      ps.setString(1, target);
      ps.setArray(2, ps.getConnection().createArrayOf("text", outcome.ids().toArray()));
      return ps.executeUpdate();
    } catch (SQLException e) {
      // A broken connection is not reused: the next batch on this thread opens a fresh one.
      statements.remove(Thread.currentThread());
      closeQuietly(ps);
      throw RuntimeErrors.postgresStatementFailed(e);
    }
  }

  private PreparedStatement prepare() {
    Connection c = pg.connect();
    try {
      return c.prepareStatement(sql);
    } catch (SQLException e) {
      closeQuietly(c);
      throw RuntimeErrors.postgresStatementFailed(e);
    }
  }

  @Override
  public void close() {
    statements.values().forEach(DeliveredMarks::closeQuietly);
    statements.clear();
  }

  private static void closeQuietly(PreparedStatement ps) {
    try {
      Connection c = ps.getConnection();
      ps.close();
      closeQuietly(c);
    } catch (SQLException e) {
      // Closing after the work is done or failed: nothing left to report.
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Same: the connection is being discarded.
    }
  }
}
