package io.vigil.runtime.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.RestConfig;
import io.vigil.api.connector.Source;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.EvaluationType;
import io.vigil.api.flow.RealtimeEvaluation;
import io.vigil.api.risk.AnalysisMethod;
import io.vigil.api.risk.Condition;
import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.EnrichmentOutput;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.ParameterType;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.SuppressionUnit;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariableType;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.decisioning.Decisioning;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.realtime.client.RealtimeAnswer;
import io.vigil.runtime.realtime.client.RealtimeClient;
import io.vigil.runtime.rest.RestIngestOptions;
import io.vigil.runtime.rest.RestIngestion;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.Secret;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil serve}'s server on the embedded Postgres, over real HTTP, with a rules-only real-time
 * flow (three risks, one enrichment): auth, answers that equal what batch identify_risks decides
 * over the same stored records, bad bodies that change nothing, overload answered with 503, and the
 * alerts outbox reaching a case manager; and REST ingestion served on the same port behind the same
 * token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealtimeServerTest {
  static final String SECRET = "rt-client-secret-6620";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final DataSet CARD_TX = DataSet.builder("card_tx").ingestionMode(IngestionMode.APPEND).realtime(true).publish(true)
      .addField(Field.of("trans_id", DataType.STRING)).addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("amount", DataType.DOUBLE)).addField(Field.of("country", DataType.STRING))
      .addField(Field.of("channel", DataType.STRING)).addField(Field.of("paid_at", DataType.TIMESTAMP))
      .occurredOnField("paid_at").build();
  static final FlatFileConnector CARD_API = FlatFileConnector.builder("card_api")
      .source(Source.builder("card_api", "card_tx").build()).defaultTargetDatasetName("card_tx")
      .restConfig(RestConfig.builder().enable(true).build()).build();
  static final EvaluationFlow FLOW = EvaluationFlow.builder("card_payment").inputDataset("card_tx")
      .efType(EvaluationType.BUSINESS_RULES)
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .realtime(RealtimeEvaluation.of("card_api", "case_manager")).build();
  static final Risk LARGE = Risk.builder("large_amount").displayName("Large payment").severity(50).evaluationFlows("card_payment")
      .analysisMethod(AnalysisMethod.RT_RULE).suppressionPeriodUnit(SuppressionUnit.DAY).suppressionPeriodSize(1)
      .addParameter(Parameter.of("limit", ParameterType.DOUBLE, "5000"))
      .addVariable(Variable.builder("large").datatype(VariableType.BOOLEAN).expression("activity.amount > {parameters.limit}").build())
      .addCondition(Condition.isTrue("large"))
      .dynamicDisplayName("Payment of {{ activity.amount | prettify_number }} on {{ activity.account_id }}").build();
  static final Risk RISKY_COUNTRY = Risk.builder("risky_country").displayName("High-risk country").severity(70)
      .evaluationFlows("card_payment").analysisMethod(AnalysisMethod.RT_RULE).suppressionPeriodSize(-1)
      .addEnrichment(Enrichment.of("country", "select r.level from country_risk r where r.country = activity.country",
          EnrichmentOutput.builder("level", VariableType.STRING).distribute(true).build()))
      .addVariable(Variable.builder("risky").datatype(VariableType.BOOLEAN).expression("{enrichments.level} = 'HIGH'").build())
      .addCondition(Condition.isTrue("risky"))
      .dynamicDescription("{{ enrichments.level }} risk country {{ activity.country }}").build();
  static final Risk ATM_NIGHT = Risk.builder("atm_at_night").displayName("ATM at night").severity(30).evaluationFlows("card_payment")
      .analysisMethod(AnalysisMethod.RT_RULE).suppressionPeriodSize(-1)
      .addVariable(Variable.builder("night").datatype(VariableType.BOOLEAN)
          .expression("activity.channel = 'ATM' and extract(hour from activity.paid_at) < 5").build())
      .addCondition(Condition.isTrue("night")).build();

  @TempDir static Path home;
  static Stores stores;
  static StoreSettings settings;
  static SolutionCatalog catalog;
  static String schema;
  static LocalReceiver caseManager;
  static JobContext context;
  static RealtimeServer server;
  static RealtimeClient client;
  static RestIngestion ingestion;

  @BeforeAll
  static void start() {
    settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager"));
    stores = Stores.open(settings);
    settings = stores.settings();
    caseManager = LocalReceiver.builder().start();
    AlertDistributionTarget target = AlertDistributionTarget.builder("case_manager").url(caseManager.url().toString())
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(5)).build()).build();
    catalog = Catalogs.of("rt", CARD_TX, CARD_API, FLOW, LARGE, RISKY_COUNTRY, ATM_NIGHT, target);
    schema = new Layout("rt", settings.warehouseRoot()).cddSchema(Environment.PUBLIC);
    List<Risk> risks = List.of(LARGE, RISKY_COUNTRY, ATM_NIGHT);
    stores.postgres().withConnection(c -> {
      c.createStatement().execute("drop schema if exists " + CddTable.quote(schema) + " cascade");
      c.createStatement().execute("create schema " + CddTable.quote(schema));
      for (CddTable t : List.of(CddTables.dataset(schema, CARD_TX), CddTables.evaluatedActivities(schema, FLOW, CARD_TX, risks),
          CddTables.activity(schema, FLOW, risks), CddTables.overrides(schema, FLOW), CddTables.alerts(schema, FLOW))) {
        for (String sql : t.createStatements()) {
          c.createStatement().execute(sql);
        }
      }
      c.createStatement().execute("create table " + CddTable.quote(schema) + ".country_risk (country text, level text)");
      c.createStatement().execute("insert into " + CddTable.quote(schema) + ".country_risk values ('IR', 'HIGH'), ('DE', 'LOW')");
      return null;
    });
    context = JobContext.builder(catalog).settings(settings).executionDate(LocalDateTime.now()).environment(Environment.PUBLIC)
        .writer("vigil-serve").open();
    stores.objects().ensureBucket(new Layout("rt", settings.warehouseRoot()).bucket());
    ingestion = RestIngestion.open(catalog, stores, RestIngestOptions.builder().bufferDir(home.resolve("rest-buffer")).build());
    server = RealtimeServer.start(context, RealtimeOptions.builder().port(0).workers(2).queueCapacity(4)
        .tokenTtl(Duration.ofSeconds(2)).distributeEvery(Duration.ofHours(1)).build(), Secret.of(SECRET), flow -> RecordScorers.of(context, flow),
        ingestion);
    client = RealtimeClient.builder(server.uri(), "rt", SECRET).build();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (context != null) {
      context.close();
    }
    caseManager.close();
    stores.close();
  }

  static Map<String, Object> tx(String id, String account, double amount, String country, String channel, String paidAt) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trans_id", id);
    m.put("account_id", account);
    m.put("amount", amount);
    m.put("country", country);
    m.put("channel", channel);
    m.put("paid_at", paidAt);
    return m;
  }

  @Test
  @Order(1)
  void answersMatchAlertsAndStoreTheRecordItsDecisionAndItsAlerts() {
    RealtimeAnswer large = client.evaluate("card_payment", tx("t1", "a1", 12_500.5, "DE", "POS", "2026-12-01T10:00:00"));
    assertThat(large.status()).as(String.valueOf(large.body())).isEqualTo(200);
    assertThat(large.match()).isTrue();
    assertThat(large.alerts()).singleElement().satisfies(a -> {
      assertThat(a.risk()).isEqualTo("large_amount");
      assertThat(a.displayName()).isEqualTo("Payment of 12,500.5 on a1");
      assertThat(a.severity()).isEqualTo(50);
      assertThat(a.suppressed()).isFalse();
    });
    RealtimeAnswer both = client.evaluate("card_payment", tx("t2", "a2", 9_000, "IR", "ATM", "2026-12-01T03:10:00"));
    assertThat(both.alerts()).extracting(RealtimeAnswer.Alert::risk)
        .containsExactlyInAnyOrder("large_amount", "risky_country", "atm_at_night");
    assertThat(both.alerts()).filteredOn(a -> a.risk().equals("risky_country")).singleElement()
        .satisfies(a -> assertThat(a.description()).isEqualTo("HIGH risk country IR"));
    RealtimeAnswer quiet = client.evaluate("card_payment", tx("t3", "a3", 20, "DE", "POS", "2026-12-01T11:00:00"));
    assertThat(quiet.status()).isEqualTo(200);
    assertThat(quiet.match()).isFalse();
    assertThat(quiet.alerts()).isEmpty();
    // The same account again within the day: suppressed by the first alert, so no match.
    RealtimeAnswer again = client.evaluate("card_payment", tx("t4", "a1", 7_000, "DE", "POS", "2026-12-01T12:00:00"));
    assertThat(again.alerts()).singleElement().satisfies(a -> assertThat(a.suppressed()).isTrue());
    assertThat(again.match()).isFalse();

    assertThat(query("select count(*) from " + schema + ".card_tx")).containsExactly("4");
    assertThat(query("select trans_id from " + schema + ".card_payment where tr_id = '" + large.trId() + "'")).containsExactly("t1");
    assertThat(query("select rf_large_amount from " + schema + ".activity_card_payment where tr_id = '" + large.trId() + "'"))
        .containsExactly("t");
    assertThat(query("select count(*) from " + schema + ".alerts_card_payment")).containsExactly("5");
  }

  @Test
  @Order(2)
  void batchIdentifyRisksOverTheStoredRecordsDecidesExactlyWhatTheAnswersSaid() {
    String alerts = "select alert_id || '|' || risk_identifier || '|' || suppressed || '|' || coalesce(display_name, '') || '|'"
        + " || coalesce(description, '') || '|' || severity from " + schema + ".alerts_card_payment order by 1";
    String activity = "select tr_id || '|' || rf_large_amount || '|' || rf_risky_country || '|' || rf_atm_at_night || '|'"
        + " || coalesce(rv_risky_country_level, '') from " + schema + ".activity_card_payment order by 1";
    List<String> realtimeAlerts = query(alerts);
    List<String> realtimeActivity = query(activity);
    List<String> dates = query("select distinct to_char(tr_job_ts, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS') from " + schema
        + ".card_payment order by 1");
    LocalDateTime from = LocalDateTime.parse(dates.get(0));
    LocalDateTime to = LocalDateTime.parse(dates.get(dates.size() - 1));
    try (JobContext batch = JobContext.builder(catalog).settings(settings).executionDate(to).environment(Environment.PUBLIC)
        .writer("aml.Decide").open()) {
      assertThat(Decisioning.identifyRisks(batch, "card_payment", from, to, false).activities()).isEqualTo(4);
    }
    assertThat(query(activity)).isEqualTo(realtimeActivity);
    assertThat(query(alerts)).isEqualTo(realtimeAlerts);
  }

  @Test
  @Order(3)
  void badBodiesGetTheir4xxWithAReasonAndChangeNothing() throws Exception {
    List<String> before = counts();
    assertThat(client.evaluateJson("card_payment", "{\"trans_id\": \"x\", \"amount\": 1").status()).isEqualTo(400);
    RealtimeAnswer wrongTypes = client.evaluateJson("card_payment",
        "{\"trans_id\": 7, \"amount\": \"much\", \"paid_at\": \"yesterday\", \"nope\": 1}");
    assertThat(wrongTypes.status()).isEqualTo(400);
    assertThat(wrongTypes.body().path("problems").toString()).contains("trans_id", "amount", "paid_at", "nope");
    assertThat(wrongTypes.body().toString()).doesNotContain("much").doesNotContain("yesterday");
    RealtimeAnswer huge = client.evaluateJson("card_payment", "{\"trans_id\": \"" + "x".repeat(200_000) + "\"}");
    assertThat(huge.status()).isEqualTo(413);
    String deep = "{\"trans_id\": " + "[".repeat(100) + "]".repeat(100) + "}";
    assertThat(client.evaluateJson("card_payment", deep).status()).isEqualTo(400);
    assertThat(client.evaluateJson("card_payment", "[1, 2]").status()).isEqualTo(400);
    RealtimeAnswer unknown = client.evaluateJson("nope", "{}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).contains("card_payment");
    String sql = "x'); drop table alerts_card_payment; -- {{ 7*7 }}";
    RealtimeAnswer hostile = client.evaluate("card_payment", tx(sql, sql, 10, sql, sql, "2026-12-01T11:00:00"));
    assertThat(hostile.status()).isEqualTo(200);
    assertThat(query("select account_id from " + schema + ".card_payment where tr_id = '" + hostile.trId() + "'"))
        .containsExactly(sql);
    assertThat(query("select count(*) from " + schema + ".alerts_card_payment")).isNotEmpty();
    assertThat(counts()).as("only the hostile but valid record was stored").isEqualTo(bump(before));
  }

  @Test
  @Order(4)
  void withoutAValidTokenTheAnswerIs401AndNoSecretComesBack() throws Exception {
    HttpResponse<String> none = post("/evaluate/v1/rt/card_payment", null, "{}");
    assertThat(none.statusCode()).isEqualTo(401);
    HttpResponse<String> badSecret = post("/auth", null,
        "{\"clientId\": \"platform-ingestion-rt\", \"clientSecret\": \"guess\"}");
    assertThat(badSecret.statusCode()).isEqualTo(401);
    assertThat(badSecret.body()).doesNotContain("guess");
    HttpResponse<String> wrongClient = post("/auth", null, "{\"clientId\": \"someone\", \"clientSecret\": \"" + SECRET + "\"}");
    assertThat(wrongClient.statusCode()).isEqualTo(401);
    HttpResponse<String> auth = post("/auth", null, "{\"clientId\": \"platform-ingestion-rt\", \"clientSecret\": \"" + SECRET + "\"}");
    assertThat(auth.statusCode()).isEqualTo(200);
    String token = JSON.readTree(auth.body()).at("/result/token").asText();
    assertThat(post("/evaluate/v1/rt/card_payment", token, "{\"trans_id\": \"ok\"}").statusCode()).isEqualTo(200);
    Thread.sleep(2_100);
    assertThat(post("/evaluate/v1/rt/card_payment", token, "{\"trans_id\": \"late\"}").statusCode())
        .as("an expired token").isEqualTo(401);
    String metrics = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
        .body();
    assertThat(metrics).contains("vigil_realtime_requests_total", "vigil_realtime_request_duration_seconds_bucket",
        "vigil_realtime_rejected_total{reason=\"unauthorized\"}", "vigil_realtime_queue_depth")
        .doesNotContain(token).doesNotContain(SECRET);
  }

  @Test
  @Order(5)
  void pastTheQueueTheSurplusGets503AndTheServerRecovers() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(40);
    List<Future<RealtimeAnswer>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = "burst-" + i;
      answers.add(callers.submit(() -> client.evaluate("card_payment", tx(id, "b" + id, 10, "DE", "POS", "2026-12-01T13:00:00"))));
    }
    int ok = 0;
    int overloaded = 0;
    for (Future<RealtimeAnswer> f : answers) {
      RealtimeAnswer a = f.get();
      if (a.status() == 200) {
        ok++;
      } else {
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.retryAfterSeconds()).isEqualTo(1);
        overloaded++;
      }
    }
    callers.shutdown();
    assertThat(ok + overloaded).isEqualTo(200);
    assertThat(overloaded).as("2 workers and a queue of 4 cannot take 40 callers at once").isPositive();
    assertThat(ok).isPositive();
    assertThat(query("select count(*) from " + schema + ".card_payment where trans_id like 'burst-%'"))
        .as("every answered request is stored, no refused one is").containsExactly(String.valueOf(ok));
    assertThat(client.evaluate("card_payment", tx("after", "z", 10, "DE", "POS", "2026-12-01T14:00:00")).status()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void theOutboxSendsEachAlertToTheCaseManagerOnce() {
    long waiting = Long.parseLong(query("select count(*) from " + schema + ".alerts_card_payment where not suppressed").get(0));
    server.distributeNow();
    server.distributeNow();
    assertThat(caseManager.stats().distinctItems()).isEqualTo((int) waiting);
    assertThat(caseManager.stats().duplicates()).isZero();
    assertThat(query("select count(*) from " + schema + ".alerts_card_payment where not suppressed and distributed_on is null"))
        .containsExactly("0");
  }

  @Test
  @Order(7)
  void restIngestionIsServedBehindTheSameTokenWithTheStandaloneServersAnswers() throws Exception {
    String batch = "[{\"trans_id\": \"i1\", \"account_id\": \"a1\", \"amount\": 10.5, \"paid_at\": \"2026-12-01T10:00:00\"},"
        + " {\"trans_id\": \"i2\", \"account_id\": \"a2\", \"amount\": 3, \"country\": \"DE\"}]";
    assertThat(post("/ingest/v1/rt/card_api", null, batch).statusCode()).as("no token").isEqualTo(401);
    assertThat(post("/ingest/v1/rt/card_api", "not-a-token", batch).statusCode()).as("a bad token").isEqualTo(401);
    assertThat(ingestion.buffered("card_api")).isZero();

    String token = token();
    HttpResponse<String> accepted = post("/ingest/v1/rt/card_api", token, batch);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(JSON.readTree(accepted.body()).path("accepted").asInt()).isEqualTo(2);
    assertThat(ingestion.buffered("card_api")).isEqualTo(2);

    HttpResponse<String> bad = post("/ingest/v1/rt/card_api", token,
        "[{\"trans_id\": \"i3\", \"amount\": 1}, {\"trans_id\": \"i4\", \"amount\": \"much\"}]");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).path("problems").toString()).contains("\"record\":1", "\"field\":\"amount\"")
        .doesNotContain("much");
    assertThat(ingestion.buffered("card_api")).as("nothing of a refused request is kept").isEqualTo(2);
    assertThat(post("/ingest/v1/rt/card_api", token, "{\"trans_id\": ").statusCode()).isEqualTo(400);
    assertThat(post("/ingest/v1/rt/nope", token, "{}").statusCode()).isEqualTo(404);
    String huge = "[" + String.join(",", Collections.nCopies(10_001, "{}")) + "]";
    assertThat(post("/ingest/v1/rt/card_api", token, huge).statusCode()).as("over max records per request").isEqualTo(413);

    assertThat(ingestion.flush("card_api").records()).isEqualTo(2);
    Layout layout = new Layout("rt", settings.warehouseRoot());
    List<String> keys = stores.objects().list(layout.bucket(), "datasources/card_api/").stream().map(o -> o.key()).toList();
    assertThat(keys).singleElement().satisfies(k -> assertThat(k).matches("datasources/card_api/rest_card_api_\\d{17}_1\\.csv"));
    String landed = new String(stores.objects().read(layout.bucket(), keys.get(0)), StandardCharsets.UTF_8);
    assertThat(landed.lines().skip(1).toList()).hasSize(2).anySatisfy(l -> assertThat(l).startsWith("i1,a1,10.5"))
        .anySatisfy(l -> assertThat(l).startsWith("i2,a2,3.0"));

    String metrics = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
        .body();
    assertThat(metrics).contains("vigil_realtime_ingested_records_total{connector=\"card_api\"} 2.0",
        "vigil_realtime_requests_total{endpoint=\"ingest\",status=\"202\"} 1.0",
        "vigil_realtime_requests_total{endpoint=\"ingest\",status=\"401\"} 2.0",
        "vigil_realtime_request_duration_seconds_bucket{endpoint=\"ingest\"").doesNotContain(token);
  }

  static String token() throws Exception {
    HttpResponse<String> auth = post("/auth", null, "{\"clientId\": \"platform-ingestion-rt\", \"clientSecret\": \"" + SECRET + "\"}");
    return JSON.readTree(auth.body()).at("/result/token").asText();
  }

  static HttpResponse<String> post(String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static List<String> counts() {
    List<String> out = new ArrayList<>();
    for (String t : List.of("card_tx", "card_payment", "activity_card_payment")) {
      out.add(query("select count(*) from " + schema + "." + t).get(0));
    }
    return out;
  }

  static List<String> bump(List<String> counts) {
    return counts.stream().map(c -> String.valueOf(Long.parseLong(c) + 1)).toList();
  }

  static List<String> query(String sql) {
    return stores.postgres().withConnection(c -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }
}
