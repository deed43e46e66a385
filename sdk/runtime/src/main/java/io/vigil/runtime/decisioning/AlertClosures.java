package io.vigil.runtime.decisioning;

import io.vigil.api.flow.EvaluationFlow;
import io.vigil.runtime.delivery.BatchOutcome;
import io.vigil.runtime.delivery.HttpDelivery;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes alerts durably and calls a real-time flow's callback target about each closure (S1 §10.6),
 * on one connection to the CDD schema that holds the flow's tables.
 *
 * <p>A closure is one row of the flow's closures table, keyed by the alert id. When the flow has a
 * callback target, the same row, naming the target, is its entry in the callback outbox until the
 * target answered 2xx: the closure and its callback are one insert, so a crash loses neither. Every
 * attempt to call back is kept in the attempts table, whatever it got, numbered on across drains.
 */
public final class AlertClosures {
  private AlertClosures() {}

  /**
   * What one drain of a flow's outbox did.
   *
   * @param sent closures the target acknowledged with a 2xx
   * @param failed closures tried whose last attempt failed
   * @param left closures still undelivered in the outbox after the drain, failed ones included
   * @param firstError why the first failed closure failed, without credentials; null when none failed
   */
  public record CallbackReport(int sent, int failed, int left, String firstError) {
    public static final CallbackReport NOTHING = new CallbackReport(0, 0, 0, null);
  }

  /**
   * Records that {@code alertId} is closed with {@code resolution}, and queues its callback when the
   * flow has a callback target; all in one transaction on {@code c}.
   *
   * @return true when the closure is new, false when the alert was already closed the same way
   * @throws io.vigil.api.VigilException NOT_FOUND for an alert the flow does not have, CONFLICT for
   *     an alert closed with another resolution
   */
  public static boolean close(Connection c, String schema, EvaluationFlow flow, String alertId, String resolution,
      String note, String closedBy) throws SQLException {
    CddTable alerts = CddTables.alerts(schema, flow);
    CddTable closures = CddTables.alertClosures(schema, flow);
    String target = flow.realtime() == null ? null : flow.realtime().callbackTargetIdentifier();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      int inserted;
      // The insert reads the alert, so that an unknown id inserts nothing; the conflict clause makes a
      // second close a no-op (also under a concurrent close), told apart from a different resolution below.
      try (PreparedStatement ps = c.prepareStatement("insert into " + closures.qualifiedName()
          + " (alert_id, resolution, note, closed_at, closed_by, callback_target)"
          + " select a.alert_id, ?, ?, now(), ?, ? from " + alerts.qualifiedName() + " a where a.alert_id = ?"
          + " on conflict (alert_id) do nothing")) {
        ps.setString(1, resolution);
        ps.setString(2, note);
        ps.setString(3, closedBy);
        ps.setString(4, target);
        ps.setString(5, alertId);
        inserted = ps.executeUpdate();
      }
      if (inserted == 0) {
        String existing = existingResolution(c, closures, alertId);
        c.rollback();
        if (existing == null) {
          throw RuntimeErrors.alertToCloseUnknown(alertId, "flow " + flow.identifier());
        }
        if (!existing.equals(resolution)) {
          throw RuntimeErrors.alertClosedOtherwise(alertId, existing, resolution);
        }
        return false;
      }
      // The alerts table shows the closure too, for those who read alerts only.
      try (PreparedStatement ps = c.prepareStatement("update " + alerts.qualifiedName()
          + " a set closed_on = k.closed_at, resolution = k.resolution, resolution_note = k.note from "
          + closures.qualifiedName() + " k where k.alert_id = ? and a.alert_id = k.alert_id")) {
        ps.setString(1, alertId);
        ps.executeUpdate();
      }
      c.commit();
      return true;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static String existingResolution(Connection c, CddTable closures, String alertId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select resolution from " + closures.qualifiedName() + " where alert_id = ?")) {
      ps.setString(1, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Calls {@code delivery}'s target once per undelivered closure of the flow, oldest first, each
   * with its own retries; each closure is posted as a one-item array keyed by its alert id under
   * {@link HttpDelivery#idField()}, so that its idempotency key is the alert's on every attempt and
   * every drain. A 401 or 403 stops the drain: the other closures would be refused the same way.
   *
   * <p>One drain at a time per flow and schema: a drain that finds another one running (another
   * {@code vigil alerts callbacks}, or {@code vigil serve}'s background drain) sends nothing and
   * reports what the outbox holds, so that no closure is sent twice at once and attempt numbers stay
   * unique.
   */
  public static CallbackReport deliver(Connection c, String schema, EvaluationFlow flow, HttpDelivery delivery)
      throws SQLException {
    CddTable closures = CddTables.alertClosures(schema, flow);
    // Each attempt and mark commits on its own, so a crash mid-drain keeps what was sent; the caller's mode comes back.
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    try {
      if (!tryLock(c, closures)) {
        return new CallbackReport(0, 0, undelivered(c, closures), null);
      }
      try {
        return deliverLocked(c, schema, flow, delivery);
      } finally {
        unlock(c, closures);
      }
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static CallbackReport deliverLocked(Connection c, String schema, EvaluationFlow flow, HttpDelivery delivery)
      throws SQLException {
    CddTable alerts = CddTables.alerts(schema, flow);
    CddTable closures = CddTables.alertClosures(schema, flow);
    CddTable attempts = CddTables.alertCallbackAttempts(schema, flow);
    List<Map<String, Object>> outbox = new ArrayList<>();
    List<Integer> attemptsBefore = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select k.alert_id, a.tr_id, a.tr_job_ts, a.risk_identifier, a.entity::text,"
        + " k.resolution, k.note, k.closed_at, k.closed_by,"
        + " (select coalesce(max(t.attempt), 0) from " + attempts.qualifiedName() + " t where t.alert_id = k.alert_id)"
        + " from " + closures.qualifiedName() + " k join " + alerts.qualifiedName() + " a using (alert_id)"
        + " where k.callback_target is not null and k.delivered_on is null order by k.closed_at, k.alert_id")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put(delivery.idField(), rs.getString(1));
          item.put("flow", flow.identifier());
          item.put("tr_id", rs.getString(2));
          item.put("execution_date", rs.getTimestamp(3).toLocalDateTime());
          item.put("risk", rs.getString(4));
          item.put("entity", Decisioning.entity(rs.getString(5)));
          item.put("resolution", rs.getString(6));
          item.put("note", rs.getString(7));
          item.put("closed_at", rs.getObject(8, OffsetDateTime.class));
          item.put("closed_by", rs.getString(9));
          outbox.add(item);
          attemptsBefore.add(rs.getInt(10));
        }
      }
    }
    int sent = 0;
    int failed = 0;
    String firstError = null;
    try (PreparedStatement record = c.prepareStatement("insert into " + attempts.qualifiedName()
            + " (alert_id, attempt, status, error_class, attempted_at) values (?, ?, ?, ?, now())");
        PreparedStatement mark = c.prepareStatement("update " + closures.qualifiedName()
            + " set delivered_on = now() where alert_id = ? and delivered_on is null")) {
      for (int i = 0; i < outbox.size(); i++) {
        String alertId = outbox.get(i).get(delivery.idField()).toString();
        int before = attemptsBefore.get(i);
        BatchOutcome outcome = delivery.deliver(List.of(outbox.get(i)),
            (attempt, status, errorClass) -> recordAttempt(record, alertId, before + attempt, status, errorClass));
        if (outcome.delivered()) {
          mark.setString(1, alertId);
          mark.executeUpdate();
          sent++;
          continue;
        }
        failed++;
        if (firstError == null) {
          firstError = outcome.error();
        }
        if (outcome.lastStatus() == 401 || outcome.lastStatus() == 403) {
          break;
        }
      }
    }
    return new CallbackReport(sent, failed, outbox.size() - sent, firstError);
  }

  // Attempts are written as they end, each committed on its own, so that a crash mid-drain keeps them.
  private static void recordAttempt(PreparedStatement record, String alertId, int attempt, int status, String errorClass) {
    try {
      record.setString(1, alertId);
      record.setInt(2, attempt);
      record.setInt(3, status);
      record.setString(4, errorClass);
      record.executeUpdate();
    } catch (SQLException e) {
      throw RuntimeErrors.callbackAttemptUnrecorded(alertId, attempt, e);
    }
  }

  private static int undelivered(Connection c, CddTable closures) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select count(*) from " + closures.qualifiedName()
        + " where callback_target is not null and delivered_on is null");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  // A session lock named after the closures table: released by unlock, or by Postgres if the drain dies.
  private static boolean tryLock(Connection c, CddTable closures) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
      ps.setString(1, "vigil-callbacks:" + closures.qualifiedName());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static void unlock(Connection c, CddTable closures) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
      ps.setString(1, "vigil-callbacks:" + closures.qualifiedName());
      ps.execute();
    }
  }
}
