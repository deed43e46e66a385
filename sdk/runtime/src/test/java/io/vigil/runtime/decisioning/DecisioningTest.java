package io.vigil.runtime.decisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.entity.Entity;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.ModelReference;
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
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * identify_risks on the embedded Postgres, against a slow reference evaluator written here row by
 * row: parameters, enrichments, variable order, CASE WHEN variables, a child replacing its parent,
 * suppression within and after the period and with -1, dynamic texts and severity, overrides, and
 * reruns that keep distributed alerts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DecisioningTest {
  static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);
  static final LocalDateTime D2 = D1.plusMonths(1);
  static final LocalDateTime D3 = D1.plusMonths(2);
  static final List<LocalDateTime> DATES = List.of(D1, D2, D3);
  static final int ACCOUNTS = 300;
  static final String HOSTILE = "x'; drop table alerts_monthly; -- {{ 7*7 }}";

  static final DataSet MONTHLY = DataSet.builder("account_monthly").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("account_id", DataType.STRING)).addField(Field.of("month", DataType.TIMESTAMP))
      .addField(Field.of("tx_count", DataType.LONG)).addField(Field.of("sum_amount", DataType.DOUBLE))
      .addField(Field.of("cash_withdrawals", DataType.LONG)).addField(Field.of("country", DataType.STRING))
      .occurredOnField("month").publish(true).build();
  static final EvaluationFlow FLOW = EvaluationFlow.builder("monthly").inputDataset("account_monthly")
      .addStep(AlgoEvaluationStep.builder("algo").featureExtractionModel(ModelReference.of("fe", Map.of()))
          .detectionModel(ModelReference.of("ad", Map.of())).build())
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null)).build();

  static final Risk HIGH = Risk.builder("high_volume").displayName("High volume").description("A large anomalous month")
      .category("algo").severity(60).suppressionPeriodUnit(SuppressionUnit.MONTH).suppressionPeriodSize(1)
      .evaluationFlows("monthly").analysisMethod(AnalysisMethod.AI)
      .addParameter(Parameter.of("min_score", ParameterType.DOUBLE, "0.80"))
      .addParameter(Parameter.of("min_total", ParameterType.DOUBLE, "50000"))
      .addVariable(Variable.builder("both").datatype(VariableType.BOOLEAN).order(30)
          .expression("{variables.is_anomalous} and {variables.is_large}").build())
      .addVariable(Variable.builder("is_anomalous").datatype(VariableType.BOOLEAN).order(10)
          .expression("activity.algo_score >= {parameters.min_score}").build())
      .addVariable(Variable.builder("is_large").datatype(VariableType.BOOLEAN).order(10)
          .expression("activity.sum_amount >= {parameters.min_total}").build())
      .addVariable(Variable.builder("level").datatype(VariableType.STRING).order(20).override(true)
          .condition("activity.sum_amount >= 100000").output("VH").build())
      .addCondition(Condition.isTrue("both"))
      .dynamicDisplayName("High volume on {{ activity.account_id }}")
      .dynamicSeverity("{% if variables.level == 'VH' %}90{% else %}40{% endif %}")
      .build();
  static final Risk CASH = Risk.builder("high_volume_cash").displayName("High volume in cash").description("Mostly cash")
      .category("algo").severity(80).suppressionPeriodUnit(SuppressionUnit.MONTH).suppressionPeriodSize(1)
      .evaluationFlows("monthly").parentIdentifier("high_volume").analysisMethod(AnalysisMethod.AI)
      .addParameter(Parameter.of("min_withdrawals", ParameterType.INT, "10"))
      .addEnrichment(Enrichment.of("country", "select r.risk_level from country_risk r where r.country = activity.country",
          EnrichmentOutput.builder("risk_level", VariableType.STRING).distribute(true).build()))
      .addVariable(Variable.builder("is_cash_heavy").datatype(VariableType.BOOLEAN).order(10)
          .expression("activity.cash_withdrawals >= {parameters.min_withdrawals}").build())
      .addCondition(Condition.isTrue("is_cash_heavy"))
      .dynamicDescription("{{ enrichments.risk_level }} risk country, top feature {{ algo[0].display_name }}")
      .build();
  static final Risk MANY = Risk.builder("many_transactions").displayName("Many transactions").severity(20)
      .suppressionPeriodUnit(SuppressionUnit.MONTH).suppressionPeriodSize(-1).evaluationFlows("monthly")
      .analysisMethod(AnalysisMethod.RULE)
      .addParameter(Parameter.of("n", ParameterType.LONG, "40"))
      .addVariable(Variable.builder("many").datatype(VariableType.BOOLEAN).expression("activity.tx_count > {parameters.n}").build())
      .addCondition(Condition.isTrue("many"))
      .dynamicSeverity("{{ 150 }}")
      .build();
  static final Risk DRAFT = Risk.builder("draft_rule").displayName("Draft").severity(10).active(false).evaluationFlows("monthly")
      .addVariable(Variable.builder("any").datatype(VariableType.BOOLEAN).expression("true").build())
      .addCondition(Condition.isTrue("any")).build();

  @TempDir static Path home;
  static Stores stores;
  static StoreSettings settings;
  static SolutionCatalog catalog;
  static String schema;
  static List<Row> rows = new ArrayList<>();

  /** One evaluated record of the test data. */
  record Row(String trId, LocalDateTime jobTs, String account, long txCount, double sum, long cash, String country, double score) {}

  @BeforeAll
  static void start() {
    settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager"));
    stores = Stores.open(settings);
    settings = stores.settings();
    catalog = Catalogs.of("decide", MONTHLY, FLOW, HIGH, CASH, MANY, DRAFT);
    schema = new Layout("decide", settings.warehouseRoot()).cddSchema(Environment.PUBLIC);
    List<Risk> risks = List.of(HIGH, CASH, MANY, DRAFT);
    rows.clear();
    stores.postgres().withConnection(c -> {
      // The embedded Postgres is one per JVM: DistributionTest may have built this schema already.
      c.createStatement().execute("drop schema if exists " + CddTable.quote(schema) + " cascade");
      c.createStatement().execute("create schema " + CddTable.quote(schema));
      for (CddTable t : List.of(CddTables.evaluatedActivities(schema, FLOW, MONTHLY, risks), CddTables.activity(schema, FLOW, risks),
          CddTables.overrides(schema, FLOW), CddTables.alerts(schema, FLOW))) {
        for (String sql : t.createStatements()) {
          c.createStatement().execute(sql);
        }
      }
      c.createStatement().execute("create table " + CddTable.quote(schema) + ".country_risk (country text, risk_level text)");
      c.createStatement().execute("insert into " + CddTable.quote(schema) + ".country_risk values ('IR', 'HIGH'), ('DE', 'LOW')");
      return null;
    });
    Random random = new Random(11);
    String[] countries = {"DE", "IR", "FR"};
    for (LocalDateTime date : DATES) {
      for (int i = 0; i < ACCOUNTS; i++) {
        String account = i == 0 ? HOSTILE : "a" + i;
        boolean large = random.nextInt(4) == 0;
        if (i == 0) {
          // The hostile account always alerts on the parent risk, so its texts are checked.
          rows.add(new Row(date + "-" + i, date, account, 12, 200_000, 0, "DE", 0.95));
          continue;
        }
        rows.add(new Row(date + "-" + i, date, account, 10 + random.nextInt(40), large ? 40_000 + random.nextInt(120_000) : 5_000,
            random.nextInt(20), countries[random.nextInt(3)], random.nextDouble()));
      }
    }
    insert(rows);
  }

  @AfterAll
  static void stop() {
    stores.close();
  }

  static JobContext context(LocalDateTime date) {
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(Environment.PUBLIC).writer("aml.Decide").open();
  }

  @Test
  @Order(1)
  void theAlertsEqualThoseOfTheReferenceEvaluator() {
    for (LocalDateTime date : DATES) {
      try (JobContext context = context(date)) {
        IdentifyResult result = Decisioning.identifyRisks(context, "monthly");
        assertThat(result.activities()).isEqualTo(ACCOUNTS);
        // The counts per risk agree with the reference: the child's records are the parent's replaced ones.
        List<String> expected = Reference.alerts(rows).stream().filter(a -> a.split("\\|")[1].startsWith(date + "-")).toList();
        for (String risk : List.of("high_volume", "high_volume_cash", "many_transactions")) {
          RiskCounts counts = result.risks().stream().filter(r -> r.risk().equals(risk)).findFirst().orElseThrow();
          assertThat(counts.alerted()).isEqualTo(expected.stream().filter(a -> a.startsWith(risk + "|") && a.endsWith("|false")).count());
          assertThat(counts.suppressed()).isEqualTo(expected.stream().filter(a -> a.startsWith(risk + "|") && a.endsWith("|true")).count());
        }
        long cash = rows.stream().filter(r -> r.jobTs().equals(date) && Reference.cash(r)).count();
        assertThat(cash).isPositive();
        assertThat(result.risks()).filteredOn(r -> r.risk().equals("high_volume")).extracting(RiskCounts::replaced).containsExactly(cash);
        assertThat(result.risks()).filteredOn(r -> r.risk().equals("many_transactions")).extracting(RiskCounts::replaced)
            .containsExactly(0L);
        assertThat(result.risks()).extracting(RiskCounts::risk).doesNotContain("draft_rule");
      }
    }
    assertThat(alerts()).containsExactlyInAnyOrderElementsOf(Reference.alerts(rows));
    assertThat(query("select count(*) from " + schema + ".alerts_monthly where risk_identifier = 'draft_rule'")).containsExactly("0");
  }

  @Test
  @Order(2)
  void textsAreRenderedAndSeverityFallsBack() {
    Row hostile = rows.stream().filter(r -> r.account().equals(HOSTILE)).findFirst().orElseThrow();
    assertThat(query("select display_name from " + schema + ".alerts_monthly where tr_id = '" + hostile.trId()
        + "' and risk_identifier = 'high_volume'")).containsExactly("High volume on " + HOSTILE);
    assertThat(query("select count(*) from " + schema + ".alerts_monthly")).doesNotContain("0");
    assertThat(query("select distinct severity from " + schema + ".alerts_monthly where risk_identifier = 'many_transactions'"))
        .containsExactly("20");
    assertThat(query("select distinct severity from " + schema + ".alerts_monthly where risk_identifier = 'high_volume' order by 1"))
        .isSubsetOf("40", "90");
    assertThat(query("select count(*) from " + schema + ".alerts_monthly a join " + schema + ".activity_monthly r using (tr_id)"
        + " where a.risk_identifier = 'high_volume' and (a.severity = 90) <> (coalesce(r.rv_high_volume_level, '') = 'VH')"))
        .containsExactly("0");
    List<String> descriptions = query("select distinct description from " + schema
        + ".alerts_monthly where risk_identifier = 'high_volume_cash' order by 1");
    assertThat(descriptions).isNotEmpty().allMatch(d -> d.matches("(HIGH|LOW|None) risk country, top feature \\w+"));
    assertThat(query("select payload->'fields'->>'risk_level' from " + schema
        + ".alerts_monthly where risk_identifier = 'high_volume_cash' and payload->'entity'->>'account_id' is not null limit 1"))
        .allMatch(v -> v == null || v.equals("HIGH") || v.equals("LOW"));
  }

  @Test
  @Order(3)
  void aRerunKeepsDistributedAlertsAndGivesIdenticalResults() {
    query("update " + schema + ".alerts_monthly set distributed_on = now() where tr_job_ts = '" + Timestamp.valueOf(D1)
        + "' and risk_identifier = 'many_transactions' returning alert_id");
    List<String> before = dump();
    try (JobContext context = context(D1)) {
      IdentifyResult again = Decisioning.identifyRisks(context, "monthly");
      assertThat(again.kept()).isPositive();
    }
    assertThat(dump()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void overridesAreKeptUnlessReset() {
    Row big = rows.stream().filter(r -> r.jobTs().equals(D1) && r.sum() >= 100_000).findFirst().orElseThrow();
    query("insert into " + schema + ".activity_ovrd_monthly (tr_id, tr_job_ts, risk_identifier, variable, value, created_on)"
        + " values ('" + big.trId() + "', '" + Timestamp.valueOf(D1) + "', 'high_volume', 'level', 'L', now()) returning tr_id");
    try (JobContext context = context(D1)) {
      Decisioning.identifyRisks(context, "monthly");
    }
    assertThat(query("select rv_high_volume_level from " + schema + ".activity_monthly where tr_id = '" + big.trId() + "'"))
        .containsExactly("L");
    try (JobContext context = context(D1)) {
      Decisioning.identifyRisks(context, "monthly", null, null, true);
    }
    assertThat(query("select rv_high_volume_level from " + schema + ".activity_monthly where tr_id = '" + big.trId() + "'"))
        .containsExactly("VH");
  }

  @Test
  @Order(5)
  void aRiskWhoseSqlFailsOnTheDataNamesItsFile() {
    Risk broken = Risk.builder("broken").severity(1).evaluationFlows("monthly")
        .addVariable(Variable.builder("bad").datatype(VariableType.BOOLEAN).expression("1 / (activity.tx_count - activity.tx_count) > 0")
            .build())
        .addCondition(Condition.isTrue("bad")).build();
    SolutionCatalog withBroken = Catalogs.of("decide", MONTHLY, FLOW, HIGH, CASH, MANY, DRAFT, broken);
    CddTable wider = CddTables.activity(schema, FLOW, List.of(HIGH, CASH, MANY, DRAFT, broken));
    stores.postgres().withConnection(c -> {
      for (String sql : wider.addColumnStatements(wider.columns().stream().filter(col -> col.name().contains("broken")).toList())) {
        c.createStatement().execute(sql);
      }
      return null;
    });
    try (JobContext context = JobContext.builder(withBroken).settings(settings).executionDate(D1).environment(Environment.PUBLIC)
        .open()) {
      assertThatThrownBy(() -> Decisioning.identifyRisks(context, "monthly")).isInstanceOf(VigilException.class)
          .hasMessageContaining("risk broken").hasMessageContaining("risks/broken.yaml").hasMessageContaining("division by zero");
    }
  }

  @Test
  @Order(6)
  void anUndefinedTemplateReferenceFailsNamingTheRiskAttributeAndName() {
    Risk typo = HIGH.toBuilder().dynamicDisplayName("On {{ activity.acount_id }}").build();
    Entity[] entities = {MONTHLY, FLOW, typo, CASH, MANY, DRAFT};
    try (JobContext context = JobContext.builder(Catalogs.of("decide", entities)).settings(settings).executionDate(D1)
        .environment(Environment.PUBLIC).open()) {
      assertThatThrownBy(() -> Decisioning.identifyRisks(context, "monthly")).isInstanceOf(VigilException.class)
          .hasMessageContaining("high_volume").hasMessageContaining("dynamic_display_name").hasMessageContaining("acount_id");
    }
  }

  @Test
  @Order(7)
  void aBacktestComparesADraftWithItsAppliedVersionAndTouchesNothing() {
    List<String> before = dump();
    stores.postgres().withConnection(c -> {
      io.vigil.runtime.meta.MetaSchema.migrate(c);
      try (PreparedStatement ps = c.prepareStatement("insert into vigil_meta.entities (solution, kind, identifier, domain, canonical,"
          + " hash) values ('decide', 'risk', 'many_transactions', 'aml', cast(? as jsonb), 'h')")) {
        ps.setString(1, io.vigil.api.serde.Canonical.toJson(MANY));
        ps.executeUpdate();
      }
      return null;
    });
    Risk lower = Risk.builder("many_transactions").displayName("Many transactions").severity(20).active(false)
        .suppressionPeriodUnit(SuppressionUnit.MONTH).suppressionPeriodSize(-1).evaluationFlows("monthly")
        .addParameter(Parameter.of("n", ParameterType.LONG, "30"))
        .addVariable(Variable.builder("many").datatype(VariableType.BOOLEAN).expression("activity.tx_count > {parameters.n}").build())
        .addCondition(Condition.isTrue("many")).build();
    SolutionCatalog drafts = Catalogs.of("decide", MONTHLY, FLOW, HIGH, CASH, lower, DRAFT);
    BacktestResult result;
    try (JobContext context = JobContext.builder(drafts).settings(settings).executionDate(D3).environment(Environment.PUBLIC).open()) {
      result = Backtest.run(context, "monthly", D1, D3, null);
    }
    assertThat(dump()).as("the real results and alerts are untouched").isEqualTo(before);
    for (LocalDateTime date : DATES) {
      long draft = rows.stream().filter(r -> r.jobTs().equals(date) && r.txCount() > 30).count();
      long active = rows.stream().filter(r -> r.jobTs().equals(date) && r.txCount() > 40).count();
      assertThat(result.periods()).contains(new BacktestResult.Period("many_transactions", date, draft, active, true));
      assertThat(result.periods()).contains(new BacktestResult.Period("draft_rule", date, ACCOUNTS, 0, false));
    }
    long newly = rows.stream().filter(r -> r.txCount() > 30 && r.txCount() <= 40).count();
    assertThat(result.changes().stream().filter(c -> c.risk().equals("many_transactions") && c.newlyAlerted())).hasSize((int) newly);
    assertThat(result.changes().stream().filter(c -> c.risk().equals("many_transactions") && !c.newlyAlerted())).isEmpty();
  }

  /** The expected alerts, decided record by record, the slow way. */
  static final class Reference {
    static boolean high(Row r) {
      return r.score() >= 0.80 && r.sum() >= 50_000;
    }

    static boolean cash(Row r) {
      return high(r) && r.cash() >= 10;
    }

    static boolean many(Row r) {
      return r.txCount() > 40;
    }

    static List<String> alerts(List<Row> rows) {
      List<String> out = new ArrayList<>();
      java.util.Map<String, LocalDateTime> lastAlert = new java.util.HashMap<>();
      List<Row> ordered = new ArrayList<>(rows);
      ordered.sort(java.util.Comparator.comparing(Row::jobTs).thenComparing(Row::trId));
      for (Row r : ordered) {
        List<String> fired = new ArrayList<>();
        if (cash(r)) {
          fired.add("high_volume_cash");
        } else if (high(r)) {
          fired.add("high_volume");
        }
        if (many(r)) {
          fired.add("many_transactions");
        }
        for (String risk : fired) {
          boolean suppressed = false;
          if (!risk.equals("many_transactions")) {
            String key = risk + "|" + r.account();
            LocalDateTime last = lastAlert.get(key);
            suppressed = last != null && !last.isBefore(r.jobTs().minusMonths(1));
            if (!suppressed) {
              lastAlert.put(key, r.jobTs());
            }
          }
          out.add(risk + "|" + r.trId() + "|" + suppressed);
        }
      }
      return out;
    }
  }

  static List<String> alerts() {
    return query("select risk_identifier || '|' || tr_id || '|' || suppressed from " + schema + ".alerts_monthly");
  }

  static List<String> dump() {
    List<String> out = new ArrayList<>(query("select alert_id, risk_identifier, tr_id, suppressed, suppressed_by, display_name, severity,"
        + " distributed_on is not null from " + schema + ".alerts_monthly order by alert_id"));
    out.addAll(query("select * from " + schema + ".activity_monthly order by tr_id").stream()
        .map(l -> l.replaceAll("\\|[^|]*$", "")).toList());
    return out;
  }

  static void insert(List<Row> data) {
    stores.postgres().withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("insert into " + CddTable.quote(schema) + ".monthly (account_id, month, tx_count,"
          + " sum_amount, cash_withdrawals, country, tr_id, tr_timestamp, tr_job_ts, algo_score, algo_pattern, algo_sum_amount_rank,"
          + " algo_sum_amount_rating) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Row r : data) {
          ps.setString(1, r.account());
          ps.setTimestamp(2, Timestamp.valueOf(r.jobTs().withDayOfMonth(1)));
          ps.setLong(3, r.txCount());
          ps.setDouble(4, r.sum());
          ps.setLong(5, r.cash());
          ps.setString(6, r.country());
          ps.setString(7, r.trId());
          ps.setTimestamp(8, Timestamp.valueOf(r.jobTs()));
          ps.setTimestamp(9, Timestamp.valueOf(r.jobTs()));
          ps.setDouble(10, r.score());
          ps.setString(11, r.score() >= 0.8 ? "sum_amount" : null);
          ps.setObject(12, r.score() >= 0.8 ? 1 : null);
          ps.setObject(13, r.score() >= 0.8 ? 10_000 : null);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  static List<String> query(String sql) {
    return stores.postgres().withConnection(c -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(i > 1 ? "|" : "").append(rs.getString(i));
          }
          out.add(row.toString());
        }
      }
      return out;
    });
  }

}
