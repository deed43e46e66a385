package io.vigil.runtime.decisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.api.distribution.RealtimeCallbackTarget;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.api.distribution.TargetAuth;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.EvaluationType;
import io.vigil.api.flow.RealtimeEvaluation;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.decisioning.AlertCallbacks.Closure;
import io.vigil.runtime.decisioning.AlertCallbacks.FlowCallbacks;
import io.vigil.runtime.decisioning.AlertClosures.CallbackReport;
import io.vigil.runtime.delivery.HttpDelivery;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.delivery.ReceivedRequest;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.Postgres;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
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
 * closures left in the outbox and sent by the next drain, fast failure on 401, unknown, ambiguous
 * and otherwise-closed alerts, and flows without a callback target.
 */
class AlertClosuresTest {
  static final LocalDateTime D1 = LocalDateTime.of(2024, 3, 1, 0, 0);
  static final EvaluationFlow CALLED = EvaluationFlow.builder("card_payment").inputDataset("card_tx")
      .efType(EvaluationType.BUSINESS_RULES)
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .realtime(RealtimeEvaluation.of("card_api", "case_manager", "cm_callback")).build();
  static final EvaluationFlow SILENT = EvaluationFlow.builder("card_silent").inputDataset("card_tx")
      .efType(EvaluationType.BUSINESS_RULES)
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .realtime(RealtimeEvaluation.of("card_api", "case_manager")).build();
  static final RetryPolicy THREE = RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(20)).build();
  static final RetryPolicy TWO = RetryPolicy.builder().maxAttempts(2).initialDelay(Duration.ofMillis(10)).build();
  static final Map<String, String> SECRETS = Map.of("CB_TOKEN", "s3cret-wrong");

  @TempDir static Path home;
  static StoreSettings settings;
  static Stores stores;
  static String schema;

  @BeforeAll
  static void start() {
    settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager"));
    stores = Stores.open(settings);
    settings = stores.settings();
    schema = new Layout("closures", settings.warehouseRoot()).cddSchema(Environment.PUBLIC);
  }

  @AfterAll
  static void stop() {
    stores.close();
  }

  /** Fresh tables for each test, as sync creates them, with alerts c1..c3 of CALLED, s1..s3 of SILENT and dup in both. */
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
        String prefix = flow == CALLED ? "c" : "s";
        try (PreparedStatement ps = c.prepareStatement("insert into " + CddTables.alerts(schema, flow).qualifiedName()
            + " (alert_id, tr_id, tr_job_ts, risk_identifier, entity, suppression_key, suppressed, payload, created_on)"
            + " values (?, ?, ?, 'large_amount', cast(? as jsonb), ?, false, '{}'::jsonb, now())")) {
          for (String id : List.of(prefix + 1, prefix + 2, prefix + 3, "dup")) {
            ps.setString(1, id);
            ps.setString(2, "t-" + id);
            ps.setTimestamp(3, Timestamp.valueOf(D1));
            ps.setString(4, "{\"account_id\": \"acc-" + id + "\"}");
            ps.setString(5, "acc-" + id);
            ps.executeUpdate();
          }
        }
      }
      return null;
    });
  }

  @Test
  void aReceiverFailingTwiceGetsEachClosureOnceWithEveryAttemptRecorded() {
    // Each closure's first two requests get 503, the third is accepted.
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id")
        .status(1, 503).status(2, 503).status(4, 503).status(5, 503).start();
        JobContext context = context(target(cm, THREE, null))) {
      Closure first = AlertCallbacks.close(context, "c1", null, "false_positive", "known merchant");
      Closure second = AlertCallbacks.close(context, "c2", "card_payment", "escalated", null);

      assertThat(first).isEqualTo(new Closure("c1", "card_payment", true, "cm_callback", new CallbackReport(1, 0, 0, null)));
      assertThat(second.callbacks()).isEqualTo(new CallbackReport(1, 0, 0, null));
      assertThat(cm.stats().requests()).isEqualTo(6);
      assertThat(cm.stats().distinctItems()).isEqualTo(2);
      assertThat(cm.stats().duplicates()).isZero();
      // One accepted request per closure, under the alert's own key on each of its attempts.
      List<ReceivedRequest> accepted = cm.requests().stream().filter(r -> r.status() == 200).toList();
      assertThat(accepted).extracting(ReceivedRequest::idempotencyKey)
          .containsExactly(HttpDelivery.idempotencyKey(List.of("c1")), HttpDelivery.idempotencyKey(List.of("c2")));
      assertThat(cm.requests().subList(0, 3)).extracting(ReceivedRequest::idempotencyKey).containsOnly(accepted.get(0).idempotencyKey());
      Map<String, Object> c1 = cm.received().get(0);
      assertThat(c1).containsEntry("alert_id", "c1").containsEntry("flow", "card_payment").containsEntry("tr_id", "t-c1")
          .containsEntry("risk", "large_amount").containsEntry("entity", Map.of("account_id", "acc-c1"))
          .containsEntry("resolution", "false_positive").containsEntry("note", "known merchant").containsEntry("closed_by", "ops")
          .containsEntry("execution_date", "2024-03-01T00:00");
      assertThat(c1.get("closed_at").toString()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
      assertThat(cm.received().get(1)).containsEntry("alert_id", "c2").containsEntry("resolution", "escalated");
      assertThat(attempts(CALLED)).containsExactly("c1#1:503", "c1#2:503", "c1#3:200", "c2#1:503", "c2#2:503", "c2#3:200");
      assertThat(outbox(CALLED)).isZero();
      assertThat(scalar("select resolution || '/' || resolution_note || '/' || (closed_on is not null) from "
          + CddTables.alerts(schema, CALLED).qualifiedName() + " where alert_id = 'c1'")).isEqualTo("false_positive/known merchant/true");

      // Closing again the same way, and draining again, send nothing.
      assertThat(AlertCallbacks.close(context, "c1", null, "false_positive", "known merchant"))
          .isEqualTo(new Closure("c1", "card_payment", false, "cm_callback", CallbackReport.NOTHING));
      assertThat(AlertCallbacks.deliverAll(context))
          .containsExactly(new FlowCallbacks("card_payment", "cm_callback", CallbackReport.NOTHING));
      assertThat(cm.stats().requests()).isEqualTo(6);
      assertThat(scalar("select count(*) from " + CddTables.alertClosures(schema, CALLED).qualifiedName())).isEqualTo("2");
    }
  }

  @Test
  void anUndeliveredClosureStaysInTheOutboxAndTheNextDrainNumbersAttemptsOn() {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").status(1, 503).status(2, 503).start();
        JobContext context = context(target(cm, TWO, null))) {
      Closure closed = AlertCallbacks.close(context, "c3", null, "true_positive", null);
      assertThat(closed.recorded()).isTrue();
      assertThat(closed.callbacks().sent()).isZero();
      assertThat(closed.callbacks().failed()).isOne();
      assertThat(closed.callbacks().left()).isOne();
      assertThat(closed.callbacks().firstError()).contains("503");
      assertThat(outbox(CALLED)).isOne();

      assertThat(AlertCallbacks.deliverAll(context))
          .containsExactly(new FlowCallbacks("card_payment", "cm_callback", new CallbackReport(1, 0, 0, null)));
      assertThat(attempts(CALLED)).containsExactly("c3#1:503", "c3#2:503", "c3#3:200");
      assertThat(outbox(CALLED)).isZero();
      assertThat(cm.stats().distinctItems()).isOne();
    }
  }

  @Test
  void anAttemptWithoutAnswerIsRecordedWithItsErrorClass() {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").dropConnection(1, LocalReceiver.Drop.BEFORE_STORING).start();
        JobContext context = context(target(cm, THREE, null))) {
      assertThat(AlertCallbacks.close(context, "c1", null, "false_positive", null).callbacks())
          .isEqualTo(new CallbackReport(1, 0, 0, null));
      assertThat(attempts(CALLED)).containsExactly("c1#1:0", "c1#2:200");
      assertThat(scalar("select error_class from " + CddTables.alertCallbackAttempts(schema, CALLED).qualifiedName()
          + " where attempt = 1")).endsWith("Exception");
      assertThat(cm.stats().distinctItems()).isOne();
    }
  }

  @Test
  void aDrainFindingAnotherRunningSendsNothing() throws SQLException {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").start();
        JobContext context = context(target(cm, THREE, null));
        Connection other = stores.postgres().connect()) {
      sql(c -> AlertClosures.close(c, schema, CALLED, "c1", "false_positive", null, "ops"));
      try (PreparedStatement ps = other.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
        ps.setString(1, "vigil-callbacks:" + CddTables.alertClosures(schema, CALLED).qualifiedName());
        ps.execute();
      }
      assertThat(AlertCallbacks.deliverAll(context))
          .containsExactly(new FlowCallbacks("card_payment", "cm_callback", new CallbackReport(0, 0, 1, null)));
      assertThat(cm.stats().requests()).isZero();
      other.close();
      assertThat(AlertCallbacks.deliverAll(context).get(0).report()).isEqualTo(new CallbackReport(1, 0, 0, null));
      assertThat(cm.stats().requests()).isOne();
    }
  }

  @Test
  void theBackgroundDrainCallsBackWhatTheOutboxHolds() throws InterruptedException {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").status(1, 503).start();
        JobContext context = context(target(cm, TWO, null))) {
      // Recorded without a drain, as when vigil alerts close ran while the target was down.
      sql(c -> AlertClosures.close(c, schema, CALLED, "c2", "false_positive", null, "ops"));
      sql(c -> AlertClosures.close(c, schema, CALLED, "c1", "escalated", null, "ops"));
      try (CallbackDrain drain = CallbackDrain.every(context, Duration.ofMillis(50))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (outbox(CALLED) > 0 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      }
      assertThat(outbox(CALLED)).isZero();
      assertThat(attempts(CALLED)).containsExactly("c1#1:200", "c2#1:503", "c2#2:200");
      assertThat(cm.stats().distinctItems()).isEqualTo(2);
      assertThat(cm.stats().duplicates()).isZero();
    }
    assertThatThrownBy(() -> CallbackDrain.every(null, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a401FailsAtOnceWithoutRetriesOrCredentialAndStopsTheDrain() {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").expectBearer("right-token").start();
        JobContext context = context(target(cm, THREE, TargetAuth.bearer("env:CB_TOKEN")))) {
      Closure first = AlertCallbacks.close(context, "c1", null, "false_positive", null);
      assertThat(first.callbacks().failed()).isOne();
      assertThat(first.callbacks().firstError()).contains("401").doesNotContain("s3cret-wrong");
      Closure second = AlertCallbacks.close(context, "c2", null, "false_positive", null);
      // The drain after the second close tries the older closure first, is refused, and stops.
      assertThat(second.callbacks()).extracting(CallbackReport::sent, CallbackReport::failed, CallbackReport::left)
          .containsExactly(0, 1, 2);
      assertThat(cm.stats().requests()).isEqualTo(2);
      assertThat(attempts(CALLED)).containsExactly("c1#1:401", "c1#2:401");
      assertThat(outbox(CALLED)).isEqualTo(2);
    }
  }

  @Test
  void closingIsRefusedForUnknownAmbiguousOtherwiseClosedOrUnresolvedAlerts() {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").start();
        JobContext context = context(target(cm, THREE, null))) {
      assertThatThrownBy(() -> AlertCallbacks.close(context, "nope", null, "false_positive", null))
          .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
          .hasMessage("Cannot close alert nope: solution closures in PUBLIC has no alert with that id;"
              + " list alerts with vigil alerts <flow> --execution-date D");
      assertThatThrownBy(() -> AlertCallbacks.close(context, "s1", "card_payment", "false_positive", null))
          .hasMessageStartingWith("Cannot close alert s1: flow card_payment has no alert with that id");
      assertThatThrownBy(() -> AlertCallbacks.close(context, "dup", null, "false_positive", null))
          .hasMessage("Cannot close alert dup: flows [card_payment, card_silent] each have an alert with that id; name one with --flow");
      assertThatThrownBy(() -> AlertCallbacks.close(context, "c1", null, " ", null))
          .hasMessageStartingWith("Cannot close alert c1: the resolution is blank");
      AlertCallbacks.close(context, "c1", null, "false_positive", null);
      assertThatThrownBy(() -> AlertCallbacks.close(context, "c1", null, "escalated", "second thoughts"))
          .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
          .hasMessage("Cannot close alert c1 as escalated: it is already closed as false_positive");
      assertThat(AlertCallbacks.close(context, "dup", "card_silent", "false_positive", null).flow()).isEqualTo("card_silent");
      assertThat(scalar("select string_agg(alert_id || ':' || resolution || ':' || coalesce(note, '-'), ',') from "
          + CddTables.alertClosures(schema, CALLED).qualifiedName())).isEqualTo("c1:false_positive:-");
      assertThat(cm.stats().requests()).isOne();
    }
  }

  @Test
  void aFlowWithoutCallbackTargetRecordsTheClosureAndCallsNothing() {
    try (LocalReceiver cm = LocalReceiver.builder().idField("alert_id").start();
        JobContext context = context(target(cm, THREE, null))) {
      assertThat(AlertCallbacks.close(context, "s2", null, "false_positive", "n"))
          .isEqualTo(new Closure("s2", "card_silent", true, null, CallbackReport.NOTHING));
      assertThat(AlertCallbacks.deliverAll(context)).extracting(FlowCallbacks::flow).containsExactly("card_payment");
      assertThat(cm.stats().requests()).isZero();
      assertThat(scalar("select closed_by || '/' || resolution || '/' || (callback_target is null) from "
          + CddTables.alertClosures(schema, SILENT).qualifiedName() + " where alert_id = 's2'")).isEqualTo("ops/false_positive/true");
      assertThat(scalar("select count(*) from " + CddTables.alertCallbackAttempts(schema, SILENT).qualifiedName())).isEqualTo("0");
    }
  }

  static RealtimeCallbackTarget target(LocalReceiver cm, RetryPolicy policy, TargetAuth auth) {
    RealtimeCallbackTarget.Builder b = RealtimeCallbackTarget.builder("cm_callback").url(cm.url().toString()).retryPolicy(policy);
    if (auth != null) {
      b.auth(auth);
    }
    return b.build();
  }

  static JobContext context(RealtimeCallbackTarget target) {
    return JobContext.builder(Catalogs.of("closures", CALLED, SILENT, target)).settings(settings).executionDate(D1)
        .environment(Environment.PUBLIC).secrets(new SecretResolver(SECRETS)).open();
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
    return Integer.parseInt(scalar("select count(*) from " + CddTables.alertClosures(schema, flow).qualifiedName()
        + " where callback_target is not null and delivered_on is null"));
  }

  static String scalar(String query) {
    return sql(c -> {
      try (ResultSet rs = c.createStatement().executeQuery(query)) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  static <T> T sql(Postgres.Work<T> work) {
    return stores.postgres().withConnection(work);
  }
}
