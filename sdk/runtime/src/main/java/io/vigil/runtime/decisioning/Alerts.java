package io.vigil.runtime.decisioning;

import io.vigil.api.flow.EvaluationFlow;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Reads a flow's alerts back from the CDD of the context's environment. */
public final class Alerts {
  private Alerts() {}

  /**
   * The alerts of {@code [from, to]} (both null: the execution date), of one risk when
   * {@code risk} is given, ordered by date, risk and alert id. Suppressed alerts are included and
   * say so.
   */
  public static List<StoredAlert> list(RunContext context, String flowId, LocalDateTime from, LocalDateTime to, String risk) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    LocalDateTime start = from != null ? from : context.executionDate();
    LocalDateTime end = to != null ? to : context.executionDate();
    CddTable alerts = CddTables.alerts(context.layout().cddSchema(context.environment()), flow);
    return context.stores().postgres().withConnection(c -> {
      if (!exists(c, alerts)) {
        return List.<StoredAlert>of();
      }
      List<StoredAlert> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("select alert_id, tr_id, tr_job_ts, risk_identifier, entity::text,"
          + " display_name, description, category, severity, suppressed, suppressed_by, pattern, distributed_on,"
          + " distribution_target from " + alerts.qualifiedName() + " where tr_job_ts between ? and ?"
          + " and (cast(? as text) is null or risk_identifier = ?) order by tr_job_ts, risk_identifier, alert_id")) {
        ps.setTimestamp(1, Timestamp.valueOf(start));
        ps.setTimestamp(2, Timestamp.valueOf(end));
        ps.setString(3, risk);
        ps.setString(4, risk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredAlert(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime(), rs.getString(4),
                Decisioning.entity(rs.getString(5)), rs.getString(6),
                rs.getString(7), rs.getString(8), (Integer) rs.getObject(9), rs.getBoolean(10), rs.getString(11), rs.getString(12),
                rs.getObject(13, OffsetDateTime.class), rs.getString(14)));
          }
        }
      }
      return out;
    });
  }

  /**
   * The alerted activities of {@code [from, to]} (both null: the execution date) as Spark rows, the
   * guide's {@code read_alerted_activities} (S1 §8, §19.3): {@code alert_id}, {@code tr_id},
   * {@code tr_job_ts}, {@code risk_identifier}, {@code suppressed} and {@code entity} (the flow's
   * grouping identifiers as JSON text), read from Postgres with the date range pushed down. No
   * rows when identify_risks has not made the alerts table yet.
   */
  public static Dataset<Row> readAlertedActivities(RunContext context, String flowId, LocalDateTime from, LocalDateTime to) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    LocalDateTime start = from != null ? from : context.executionDate();
    LocalDateTime end = to != null ? to : context.executionDate();
    CddTable alerts = CddTables.alerts(context.layout().cddSchema(context.environment()), flow);
    var pg = context.stores().postgres();
    String columns = "alert_id, tr_id, tr_job_ts, risk_identifier, suppressed, entity::text as entity";
    boolean present = pg.withConnection(c -> exists(c, alerts));
    // The range is a typed filter that Spark pushes down as timestamp literals; no caller text reaches the SQL.
    String source = present ? "(select " + columns + " from " + alerts.qualifiedName() + ") alerted"
        : "(select " + columns.replace("entity::text", "'{}'::text") + " from (select cast(null as text) as alert_id,"
            + " cast(null as text) as tr_id, cast(null as timestamp) as tr_job_ts, cast(null as text) as risk_identifier,"
            + " false as suppressed) none where false) alerted";
    return context.spark().read().jdbc(pg.url(), source, pg.jdbcProperties())
        .where(functions.col("tr_job_ts").between(Timestamp.valueOf(start), Timestamp.valueOf(end)));
  }

  private static boolean exists(java.sql.Connection c, CddTable table) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
      ps.setString(1, table.qualifiedName());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
