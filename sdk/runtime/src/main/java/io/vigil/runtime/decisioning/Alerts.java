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
