package io.vigil.runtime.decisioning;

import io.vigil.runtime.schema.CddTable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.TreeSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes alerts and decides their suppression in Postgres (S1 §7.2): within its risk's period after
 * an unsuppressed alert with the same suppression key, an alert is kept as suppressed, pointing at
 * that alert. Dates are decided in order, so that one date's alerts suppress the next date's; on
 * one date, the first record of a key (by id) alerts and the others are suppressed by it. Alerts
 * already distributed are never touched: their ids are stable, and a rerun's equal alert is dropped.
 */
final class AlertStore {
  /** The ranking's restriction to the date being decided, bound as the statement's last parameter. */
  private static final String DATE_FILTER = " where c.tr_job_ts = ?";

  private AlertStore() {}

  static void insert(Connection c, CddTable alerts, List<Alert> batch) throws SQLException {
    insert(c, alerts, batch, new PhaseTimes());
  }

  /** The same, charging the staging to {@code stage} and the suppression and insert to {@code suppress}. */
  static void insert(Connection c, CddTable alerts, List<Alert> batch, PhaseTimes times) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("create temporary table vigil_candidates (alert_id text, tr_id text, tr_job_ts timestamp, risk_identifier text,"
          + " analysis_method text, entity jsonb, display_name text, description text, category text, severity integer,"
          + " suppression_key text, period interval, pattern text, top_features jsonb, payload jsonb) on commit drop");
    }
    copy(c, batch);
    if (batch.size() > 1_000) {
      // Fresh temporary tables have no statistics; without them the suppression join below is planned for a few rows.
      try (Statement s = c.createStatement()) {
        s.execute("analyze vigil_candidates");
      }
    }
    times.lap("stage");
    TreeSet<Timestamp> dates = new TreeSet<>();
    batch.forEach(a -> dates.add(Timestamp.valueOf(a.jobTs())));
    if (batch.stream().noneMatch(a -> a.suppressionPeriod() != null)) {
      // Nothing suppresses: the order of the dates cannot matter, so every date goes in one statement.
      // Real-time records each have their own date, and a range of them would otherwise take one statement each.
      try (PreparedStatement ps = c.prepareStatement("with " + decide(alerts.qualifiedName()).replace(DATE_FILTER, ""))) {
        ps.executeUpdate();
      }
      times.lap("suppress");
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("with " + decide(alerts.qualifiedName()))) {
      for (Timestamp date : dates) {
        ps.setTimestamp(1, date);
        ps.executeUpdate();
      }
    }
    times.lap("suppress");
  }


  /**
   * The same for the few alerts of one record (real time): the candidates are bound as a VALUES list
   * in the statement itself, so no temporary table is created per request, whose catalog writes
   * cost more than the insert and, under load, show in the latency's tail.
   */
  static void insertFew(Connection c, CddTable alerts, List<Alert> batch) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    StringBuilder values = new StringBuilder("vigil_candidates (alert_id, tr_id, tr_job_ts, risk_identifier, analysis_method,"
        + " entity, display_name, description, category, severity, suppression_key, period, pattern, top_features, payload) as"
        + " (values ");
    for (int i = 0; i < batch.size(); i++) {
      values.append(i == 0 ? "" : ", ").append("(cast(? as text), cast(? as text), cast(? as timestamp), cast(? as text),"
          + " cast(? as text), cast(? as jsonb), cast(? as text), cast(? as text), cast(? as text), cast(? as integer),"
          + " cast(? as text), cast(? as interval), cast(? as text), cast(? as jsonb), cast(? as jsonb))");
    }
    values.append("), ");
    TreeSet<Timestamp> dates = new TreeSet<>();
    batch.forEach(a -> dates.add(Timestamp.valueOf(a.jobTs())));
    try (PreparedStatement ps = c.prepareStatement("with " + values + decide(alerts.qualifiedName()))) {
      for (Timestamp date : dates) {
        int n = 1;
        for (Alert a : batch) {
          ps.setString(n++, a.alertId());
          ps.setString(n++, a.trId());
          ps.setTimestamp(n++, Timestamp.valueOf(a.jobTs()));
          ps.setString(n++, a.risk());
          ps.setString(n++, a.analysisMethod());
          ps.setString(n++, a.entity());
          ps.setString(n++, a.displayName());
          ps.setString(n++, a.description());
          ps.setString(n++, a.category());
          if (a.severity() == null) {
            ps.setNull(n++, Types.INTEGER);
          } else {
            ps.setInt(n++, a.severity());
          }
          ps.setString(n++, a.suppressionKey());
          ps.setString(n++, a.suppressionPeriod());
          ps.setString(n++, a.pattern());
          ps.setString(n++, a.topFeatures());
          ps.setString(n++, a.payload());
        }
        ps.setTimestamp(n, date);
        ps.executeUpdate();
      }
    }
  }

  /**
   * The suppression and insert over {@code vigil_candidates}, after {@code with}: ranked per key on
   * the date bound last, suppressed by an earlier unsuppressed alert within the period.
   */
  private static String decide(String table) {
    // The ranking and the look-up of earlier alerts carry only the narrow columns; the wide ones (texts, payload) join back by id.
    return """
        ranked as (
          select c.alert_id, c.suppression_key, c.tr_job_ts, c.period,
                 row_number() over (partition by c.suppression_key order by c.tr_id) as rn,
                 first_value(c.alert_id) over (partition by c.suppression_key order by c.tr_id) as first_id
          from vigil_candidates c%2$s),
        prior as (
          select distinct on (r.alert_id) r.alert_id, a.alert_id as prev
          from ranked r join %1$s a on a.suppression_key = r.suppression_key and not a.suppressed
            and a.tr_job_ts < r.tr_job_ts and a.tr_job_ts >= r.tr_job_ts - r.period
          where r.period is not null
          order by r.alert_id, a.tr_job_ts desc, a.alert_id)
        insert into %1$s (alert_id, tr_id, tr_job_ts, risk_identifier, analysis_method, entity, display_name, description, category,
          severity, suppression_key, suppressed, suppressed_by, pattern, top_features, payload, created_on)
        select c.alert_id, c.tr_id, c.tr_job_ts, c.risk_identifier, c.analysis_method, c.entity, c.display_name, c.description,
          c.category, c.severity, c.suppression_key,
          p.prev is not null or (r.rn > 1 and r.period is not null),
          coalesce(p.prev, case when r.rn > 1 and r.period is not null then r.first_id end),
          c.pattern, c.top_features, c.payload, now()
        from ranked r join vigil_candidates c on c.alert_id = r.alert_id and c.tr_job_ts = r.tr_job_ts
          left join prior p on p.alert_id = r.alert_id
        on conflict (alert_id) do nothing""".formatted(table, DATE_FILTER);
  }

  /**
   * Stages the candidates with COPY, as CSV: one round trip per few megabytes instead of a JDBC
   * batch of one bound insert per alert. Every value is quoted, so text holding commas, quotes or
   * newlines stays data; an unquoted empty field is null.
   */
  private static void copy(Connection c, List<Alert> batch) throws SQLException {
    CopyManager copies = c.unwrap(PGConnection.class).getCopyAPI();
    CopyIn in = copies.copyIn("copy vigil_candidates from stdin with (format csv)");
    try {
      StringBuilder csv = new StringBuilder(1 << 16);
      for (Alert a : batch) {
        field(csv, a.alertId()).append(',');
        field(csv, a.trId()).append(',');
        field(csv, Timestamp.valueOf(a.jobTs()).toString()).append(',');
        field(csv, a.risk()).append(',');
        field(csv, a.analysisMethod()).append(',');
        field(csv, a.entity()).append(',');
        field(csv, a.displayName()).append(',');
        field(csv, a.description()).append(',');
        field(csv, a.category()).append(',');
        csv.append(a.severity() == null ? "" : a.severity().toString()).append(',');
        field(csv, a.suppressionKey()).append(',');
        field(csv, a.suppressionPeriod()).append(',');
        field(csv, a.pattern()).append(',');
        field(csv, a.topFeatures()).append(',');
        field(csv, a.payload()).append('\n');
        if (csv.length() >= 1 << 22) {
          write(in, csv);
        }
      }
      write(in, csv);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private static void write(CopyIn in, StringBuilder csv) throws SQLException {
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(bytes, 0, bytes.length);
    csv.setLength(0);
  }

  /** Appends a CSV field: quoted, quotes doubled, without copying the value; null as nothing. */
  private static StringBuilder field(StringBuilder csv, String value) {
    if (value == null) {
      return csv;
    }
    csv.append('"');
    int from = 0;
    for (int q = value.indexOf('"'); q >= 0; q = value.indexOf('"', q + 1)) {
      csv.append(value, from, q + 1).append('"');
      from = q + 1;
    }
    return csv.append(value, from, value.length()).append('"');
  }
}
