package io.vigil.runtime.decisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.EvaluationType;
import io.vigil.api.flow.RealtimeEvaluation;
import io.vigil.runtime.delivery.Credentials;
import io.vigil.runtime.delivery.HttpDelivery;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert closures and their callbacks on the embedded Postgres, with a {@link LocalReceiver} as the
 * case manager: retries recorded attempt by attempt, dedupe by idempotency key, idempotent closes,
 * fast failure on 401, unknown alerts, and flows without a callback target.
 */
class AlertClosuresTest {
  static final EvaluationFlow CALLED = EvaluationFlow.builder("card_payment").inputDataset("card_tx")
      .efType(EvaluationType.BUSINESS_RULES)
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .realtime(RealtimeEvaluation.of("card_api", "case_manager", "cm_callback")).build();
  static final EvaluationFlow SILENT = EvaluationFlow.builder("card_silent").inputDataset("card_tx")
      .efType(EvaluationType.BUSINESS_RULES)
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .realtime(RealtimeEvaluation.of("card_api", "case_manager")).build();
  static final RetryPolicy QUICK = RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(20)).build();

  @TempDir static Path home;
  static Stores stores;
  static String schema;

  @BeforeAll
  static void start() {
    StoreSettings settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops"));
    stores = Stores.open(settings);
    schema = new Layout("closures", stores.settings().warehouseRoot()).cddSchema(Environment.PUBLIC);
  }

  @AfterAll
  static void stop() {
    stores.close();
  }

  /** Fresh tables for each test, as sync would create them, with three alerts per flow. */
  @BeforeEach
  void tables() {
    sql(c -> {
      c.createStatement().execute("drop schema if exists " + CddTable.quote(schema) + " cascade");
      c.createStatement().execute("create schema " + CddTable.quote(schema));
      for (EvaluationFlow flow : List.of(CALLED, SILENT)) {
        for (CddTable t : List.of(CddTables.alerts(schema, flow), CddTables.alertClosures(schema, flow),
            CddTables.alertCallbackAttempts(schema, flow))) {
          for (String s : t.createStatements()) {
            c.createStatement().execute(s);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + CddTables.alerts(schema, flow).qualifiedName()
            + " (alert_id, tr_id, tr_job_ts, risk_identifier, entity, suppression_key, suppressed, payload, created_on)"
            + " values (?, ?, ?, 'large_amount', cast(? as jsonb), ?, false, '{}'::jsonb, now())")) {
          for (int i = 1; i <= 3; i++) {
            ps.setString(1, "a" + i);
            ps.setString(2, "t" + i);
            ps.setTimestamp(3, Timestamp.valueOf(LocalDateTime.of(2024, 3, i, 12, 0)));
            ps.setString(4, "{\"account_id\": \"acc" + i + "\"}");
            ps.setString(5, "acc" + i);
            ps.executeUpdate();
          }
        }
      }
      return null;
    });
  }

  @Test
  void aReceiverFailingTwiceGetsEachClosureOnceWithEveryAttemptRecorded() {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id")
        .status(1, 503).status(2, 503).status(4, 503).status(5, 503).start()) {
      HttpDelivery delivery = HttpDelivery.builder(cm.url()).idField("alert_id").retryPolicy(QUICK).build();
      assertThat(close(CALLED, "a1", "false_positive", "known merchant")).isTrue();
      assertThat(close(CALLED, "a2", "escalated", null)).isTrue();

      AlertClosures.CallbackReport report = sql(c -> AlertClosures.deliver(c, schema, CALLED, delivery));

      assertThat(report).isEqualTo(new AlertClosures.CallbackReport(2, 0, 0));
      assertThat(cm.stats().requests()).isEqualTo(6);
      assertThat(cm.stats().distinctItems()).isEqualTo(2);
      Map<String, Object> first = cm.received().get(0);
      assertThat(first).containsEntry("alert_id", "a1").containsEntry("flow", "card_payment")
          .containsEntry("tr_id", "t1").containsEntry("resolution", "false_positive").containsEntry("note", "known merchant")
          .containsEntry("entity", Map.of("account_id", "acc1")).containsKey("closed_at");
      assertThat(cm.received().get(1)).containsEntry("alert_id", "a2").containsEntry("resolution", "escalated");
      // The same key on each of a closure's attempts: the alert's own.
      assertThat(cm.requests().get(0).idempotencyKey()).isEqualTo(cm.requests().get(2).idempotencyKey())
          .isEqualTo(HttpDelivery.idempotencyKey(List.of("a1")));
      assertThat(attempts(CALLED)).containsExactly("a1#1:503", "a1#2:503", "a1#3:200", "a2#1:503", "a2#2:503", "a2#3:200");
      assertThat(outbox(CALLED)).isZero();

      // A second drain and a second identical close send nothing.
      assertThat(close(CALLED, "a1", "false_positive", "known merchant")).isFalse();
      assertThat(sql(c -> AlertClosures.deliver(c, schema, CALLED, delivery))).isEqualTo(new AlertClosures.CallbackReport(0, 0, 0));
      assertThat(cm.stats().requests()).isEqualTo(6);
      assertThat(sql(c -> scalar(c, "select resolution_note from " + CddTables.alerts(schema, CALLED).qualifiedName()
          + " where alert_id = 'a1'"))).isEqualTo("known merchant");
    }
  }

  @Test
  void undeliveredClosuresStayAndTheNextDrainNumbersAttemptsOn() {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").status(1, 503).status(2, 503).start()) {
      HttpDelivery once = HttpDelivery.builder(cm.url()).idField("alert_id").retryPolicy(RetryPolicy.builder().maxAttempts(2)
          .initialDelay(Duration.ofMillis(10)).build()).build();
      close(CALLED, "a3", "true_positive", null);
      assertThat(sql(c -> AlertClosures.deliver(c, schema, CALLED, once))).isEqualTo(new AlertClosures.CallbackReport(0, 1, 1));
      assertThat(outbox(CALLED)).isOne();
      assertThat(sql(c -> AlertClosures.deliver(c, schema, CALLED, once))).isEqualTo(new AlertClosures.CallbackReport(1, 0, 0));
      assertThat(attempts(CALLED)).containsExactly("a3#1:503", "a3#2:503", "a3#3:200");
      assertThat(cm.stats().distinctItems()).isOne();
    }
  }

  @Test
  void a401FailsAtOnceWithoutRetriesAndStopsTheDrain() {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").expectBearer("right-token").start()) {
      HttpDelivery wrong = HttpDelivery.builder(cm.url()).idField("alert_id").retryPolicy(QUICK)
          .credentials(Credentials.bearer("s3cret-wrong")).build();
      close(CALLED, "a1", "false_positive", null);
      close(CALLED, "a2", "false_positive", null);
      assertThat(sql(c -> AlertClosures.deliver(c, schema, CALLED, wrong))).isEqualTo(new AlertClosures.CallbackReport(0, 1, 2));
      assertThat(cm.stats().requests()).isOne();
      assertThat(attempts(CALLED)).containsExactly("a1#1:401");
      assertThat(outbox(CALLED)).isEqualTo(2);
    }
  }

  @Test
  void closingIsRefusedForAnUnknownAlertOrAnotherResolution() {
    assertThatThrownBy(() -> close(CALLED, "nope", "false_positive", null)).isInstanceOf(VigilException.class)
        .hasMessage("Cannot close alert nope: flow card_payment has no alert with that id;"
            + " list them with vigil alerts card_payment --execution-date D");
    close(CALLED, "a1", "false_positive", null);
    assertThatThrownBy(() -> close(CALLED, "a1", "escalated", null)).isInstanceOf(VigilException.class)
        .hasMessage("Cannot close alert a1 as escalated: it is already closed as false_positive");
    assertThat(sql(c -> scalar(c, "select count(*) from " + CddTables.alertClosures(schema, CALLED).qualifiedName()))).isEqualTo("1");
  }

  @Test
  void aFlowWithoutCallbackTargetRecordsTheClosureAndCallsNothing() {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").start()) {
      HttpDelivery delivery = HttpDelivery.builder(cm.url()).idField("alert_id").build();
      assertThat(close(SILENT, "a2", "false_positive", "n")).isTrue();
      assertThat(sql(c -> AlertClosures.deliver(c, schema, SILENT, delivery))).isEqualTo(new AlertClosures.CallbackReport(0, 0, 0));
      assertThat(cm.stats().requests()).isZero();
      assertThat(sql(c -> scalar(c, "select closed_by || '/' || resolution from "
          + CddTables.alertClosures(schema, SILENT).qualifiedName() + " where alert_id = 'a2'"))).isEqualTo("ops/false_positive");
    }
  }

  static boolean close(EvaluationFlow flow, String alertId, String resolution, String note) {
    return sql(c -> AlertClosures.close(c, schema, flow, alertId, resolution, note, "ops"));
  }

  static List<String> attempts(EvaluationFlow flow) {
    return sql(c -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery("select alert_id || '#' || attempt || ':' || status from "
          + CddTables.alertCallbackAttempts(schema, flow).qualifiedName() + " order by alert_id, attempt")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  static int outbox(EvaluationFlow flow) {
    return Integer.parseInt(sql(c -> scalar(c, "select count(*) from " + CddTables.alertClosures(schema, flow).qualifiedName()
        + " where callback_target is not null and delivered_on is null")));
  }

  static String scalar(Connection c, String query) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static <T> T sql(Stores.ConnectionWork<T> work) {
    return stores.postgres().withConnection(work::run);
  }
}
