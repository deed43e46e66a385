package io.vigil.runtime.decisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.risk.Condition;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariablePhase;
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
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * enrich computes a flow's PRE_EVALUATE variables over the very rows it is given, with the
 * reference tables of the CDD at hand, and identify_risks then reads them from the evaluated
 * activities instead of computing them again.
 */
class EnrichTest {
  static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);
  static final DataSet MONTHLY = DataSet.builder("account_monthly").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("account_id", DataType.STRING)).addField(Field.of("month", DataType.TIMESTAMP))
      .addField(Field.of("tx_count", DataType.LONG)).addField(Field.of("cash_withdrawals", DataType.LONG))
      .addField(Field.of("country", DataType.STRING)).occurredOnField("month").publish(true).build();
  static final EvaluationFlow FLOW = EvaluationFlow.builder("monthly").inputDataset("account_monthly")
      .addStep(AlgoEvaluationStep.builder("algo").featureExtractionModel(ModelReference.of("fe", Map.of()))
          .detectionModel(ModelReference.of("ad", Map.of())).build())
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null)).build();
  static final Risk CASH_COUNTRY = Risk.builder("cash_country").displayName("Cash in a risky country").severity(70)
      .evaluationFlows("monthly")
      .addVariable(Variable.builder("country_level").datatype(VariableType.STRING).phase(VariablePhase.PRE_EVALUATE)
          .expression("(select r.risk_level from country_risk r where r.country = activity.country)").build())
      .addVariable(Variable.builder("cash_ratio").datatype(VariableType.DOUBLE).phase(VariablePhase.PRE_EVALUATE)
          .expression("activity.cash_withdrawals::double precision / greatest(activity.tx_count, 1)").build())
      .addVariable(Variable.builder("risky").datatype(VariableType.BOOLEAN)
          .expression("{variables.country_level} = 'HIGH' and {variables.cash_ratio} > 0.3").build())
      .addCondition(Condition.isTrue("risky")).build();

  @TempDir static Path home;
  static SparkSession spark;
  static Stores stores;
  static StoreSettings settings;
  static SolutionCatalog catalog;
  static String schema;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager"));
    stores = Stores.open(settings);
    settings = stores.settings();
    catalog = Catalogs.of("enrich", MONTHLY, FLOW, CASH_COUNTRY);
    schema = new Layout("enrich", settings.warehouseRoot()).cddSchema(Environment.PUBLIC);
    List<Risk> risks = List.of(CASH_COUNTRY);
    stores.postgres().withConnection(c -> {
      c.createStatement().execute("create schema if not exists " + CddTable.quote(schema));
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
  }

  @AfterAll
  static void stop() {
    spark.stop();
    stores.close();
  }

  @Test
  void preEvaluateVariablesAreComputedOverTheGivenRowsAndUsedByIdentifyRisks() {
    StructType type = new StructType().add("account_id", DataTypes.StringType).add("month", DataTypes.TimestampType)
        .add("tx_count", DataTypes.LongType).add("cash_withdrawals", DataTypes.LongType).add("country", DataTypes.StringType)
        .add("tr_id", DataTypes.StringType).add("tr_job_ts", DataTypes.TimestampType)
        // A stale value from an earlier enrich must be replaced, not kept beside the new one.
        .add("rvp_cash_country_cash_ratio", DataTypes.DoubleType);
    Random random = new Random(5);
    String[] countries = {"DE", "IR", "FR", null};
    List<Row> input = new ArrayList<>();
    Map<String, String> expectedLevel = new HashMap<>();
    Map<String, Double> expectedRatio = new HashMap<>();
    Set<String> expectedAlerts = new TreeSet<>();
    for (int i = 0; i < 200; i++) {
      String id = "t" + i;
      long tx = random.nextInt(30);
      long cash = random.nextInt(15);
      String country = countries[random.nextInt(countries.length)];
      input.add(RowFactory.create("a" + i, Timestamp.valueOf(D1.withDayOfMonth(1)), tx, cash, country, id,
          Timestamp.valueOf(D1), -1.0));
      String level = "IR".equals(country) ? "HIGH" : "DE".equals(country) ? "LOW" : null;
      double ratio = (double) cash / Math.max(tx, 1);
      expectedLevel.put(id, level);
      expectedRatio.put(id, ratio);
      if ("HIGH".equals(level) && ratio > 0.3) {
        expectedAlerts.add(id);
      }
    }
    Dataset<Row> rows = spark.createDataFrame(input, type);

    Dataset<Row> enriched;
    try (JobContext context = context()) {
      enriched = Decisioning.enrich(context, "monthly", rows);
    }

    assertThat(enriched.columns()).contains("account_id", "tr_id", "rvp_cash_country_country_level", "rvp_cash_country_cash_ratio")
        .doesNotContain("rv_cash_country_risky").containsOnlyOnce("rvp_cash_country_cash_ratio");
    List<Row> out = enriched.collectAsList();
    assertThat(out).hasSize(200);
    for (Row r : out) {
      String id = r.getAs("tr_id");
      assertThat((String) r.getAs("rvp_cash_country_country_level")).as(id).isEqualTo(expectedLevel.get(id));
      assertThat((Double) r.getAs("rvp_cash_country_cash_ratio")).as(id).isCloseTo(expectedRatio.get(id),
          org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(query("select count(*) from information_schema.tables where table_name like 'vigil_enrich%'")).containsExactly("0");

    // The evaluated activities carry the PRE_EVALUATE columns; identify_risks reads them from there.
    enriched.write().mode("append").jdbc(stores.postgres().url(), CddTable.quote(schema) + ".monthly",
        stores.postgres().jdbcProperties());
    try (JobContext context = context()) {
      IdentifyResult result = Decisioning.identifyRisks(context, "monthly");
      assertThat(result.activities()).isEqualTo(200);
      assertThat(result.risks()).singleElement().satisfies(c -> assertThat(c.alerted()).isEqualTo(expectedAlerts.size()));
    }
    assertThat(new TreeSet<>(query("select tr_id from " + schema + ".alerts_monthly"))).isEqualTo(expectedAlerts);
    assertThat(expectedAlerts).isNotEmpty();
  }

  static JobContext context() {
    return JobContext.builder(catalog).settings(settings).executionDate(D1).environment(Environment.PUBLIC).spark(spark)
        .writer("aml.Decide").open();
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
