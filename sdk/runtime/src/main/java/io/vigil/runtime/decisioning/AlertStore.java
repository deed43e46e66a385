package io.vigil.runtime.decisioning;

import io.vigil.runtime.schema.CddTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes alerts and decides their suppression in Postgres (S1 §7.2): within its risk's period after
 * an unsuppressed alert with the same suppression key, an alert is kept as suppressed, pointing at
 * that alert. Dates are decided in order, so that one date's alerts suppress the next date's; on
 * one date, the first record of a key (by id) alerts and the others are suppressed by it. Alerts
 * already distributed are never touched: their ids are stable, and a rerun's equal alert is dropped.
 */
final class AlertStore {
  private AlertStore() {}

  static void insert(Connection c, CddTable alerts, List<Alert> batch) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("create temporary table vigil_candidates (alert_id text, tr_id text, tr_job_ts timestamp, risk_identifier text,"
          + " analysis_method text, entity jsonb, display_name text, description text, category text, severity integer,"
          + " suppression_key text, period interval, pattern text, top_features jsonb, payload jsonb) on commit drop");
    }
    try (PreparedStatement ps = c.prepareStatement("insert into vigil_candidates values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?,"
        + " ?, cast(? as interval), ?, cast(? as jsonb), cast(? as jsonb))")) {
      for (Alert a : batch) {
        ps.setString(1, a.alertId());
        ps.setString(2, a.trId());
        ps.setTimestamp(3, Timestamp.valueOf(a.jobTs()));
        ps.setString(4, a.risk());
        ps.setString(5, a.analysisMethod());
        ps.setString(6, a.entity());
        ps.setString(7, a.displayName());
        ps.setString(8, a.description());
        ps.setString(9, a.category());
        if (a.severity() == null) {
          ps.setNull(10, Types.INTEGER);
        } else {
          ps.setInt(10, a.severity());
        }
        ps.setString(11, a.suppressionKey());
        ps.setString(12, a.suppressionPeriod());
        ps.setString(13, a.pattern());
        ps.setString(14, a.topFeatures());
        ps.setString(15, a.payload());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    String table = alerts.qualifiedName();
    String decide = """
        with ranked as (
          select c.*, row_number() over (partition by c.suppression_key order by c.tr_id) as rn,
                 first_value(c.alert_id) over (partition by c.suppression_key order by c.tr_id) as first_id
          from vigil_candidates c where c.tr_job_ts = ?),
        prior as (
          select distinct on (r.alert_id) r.alert_id, a.alert_id as prev
          from ranked r join %1$s a on a.suppression_key = r.suppression_key and not a.suppressed
            and a.tr_job_ts < r.tr_job_ts and a.tr_job_ts >= r.tr_job_ts - r.period
          where r.period is not null
          order by r.alert_id, a.tr_job_ts desc, a.alert_id)
        insert into %1$s (alert_id, tr_id, tr_job_ts, risk_identifier, analysis_method, entity, display_name, description, category,
          severity, suppression_key, suppressed, suppressed_by, pattern, top_features, payload, created_on)
        select r.alert_id, r.tr_id, r.tr_job_ts, r.risk_identifier, r.analysis_method, r.entity, r.display_name, r.description,
          r.category, r.severity, r.suppression_key,
          p.prev is not null or (r.rn > 1 and r.period is not null),
          coalesce(p.prev, case when r.rn > 1 and r.period is not null then r.first_id end),
          r.pattern, r.top_features, r.payload, now()
        from ranked r left join prior p using (alert_id)
        on conflict (alert_id) do nothing""".formatted(table);
    TreeSet<Timestamp> dates = new TreeSet<>();
    batch.forEach(a -> dates.add(Timestamp.valueOf(a.jobTs())));
    try (PreparedStatement ps = c.prepareStatement(decide)) {
      for (Timestamp date : dates) {
        ps.setTimestamp(1, date);
        ps.executeUpdate();
      }
    }
  }
}
