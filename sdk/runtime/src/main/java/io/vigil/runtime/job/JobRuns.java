package io.vigil.runtime.job;

import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.meta.MetaSchema;
import io.vigil.runtime.store.Postgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Map;

/**
 * Records job runs and their metrics in {@code vigil_meta.job_runs} / {@code job_metrics}, the
 * tables sync creates. A bundle referenced by a recorded run is never deleted by sync (MS-6).
 */
public final class JobRuns {
  private JobRuns() {}

  /**
   * Records a finished run.
   *
   * @param dag the DAG and task that started it, or null
   */
  public static void record(Postgres pg, String solution, JobRun run, String dag, String task, String bundleCommit,
      String environment) {
    pg.inTransaction(c -> {
      requireSchema(c);
      try (PreparedStatement ps = c.prepareStatement("insert into " + MetaSchema.SCHEMA + ".job_runs (run_id, solution, dag,"
          + " task, job, execution_date, bundle_commit, data_environment, started_at, finished_at, status, failed_cell, error)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        CellRun failed = run.failedCell();
        ps.setString(1, run.runId());
        ps.setString(2, solution);
        ps.setString(3, dag);
        ps.setString(4, task);
        ps.setString(5, run.job());
        ps.setTimestamp(6, Timestamp.valueOf(run.executionDate()));
        ps.setString(7, bundleCommit);
        ps.setString(8, environment);
        ps.setTimestamp(9, Timestamp.from(run.startedAt()));
        ps.setTimestamp(10, Timestamp.from(run.finishedAt()));
        ps.setString(11, run.succeeded() ? "success" : "failed");
        ps.setString(12, failed == null ? null : failed.name());
        ps.setString(13, failed == null ? null : truncate(failed.error(), 4000));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("insert into " + MetaSchema.SCHEMA + ".job_metrics (run_id, name, value) values (?, ?, ?)")) {
        for (Map.Entry<String, Double> m : run.metrics().entrySet()) {
          ps.setString(1, run.runId());
          ps.setString(2, m.getKey());
          ps.setDouble(3, m.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  private static void requireSchema(Connection c) throws SQLException {
    if (MetaSchema.currentVersion(c) == 0) {
      throw RuntimeErrors.metaSchemaMissing();
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
