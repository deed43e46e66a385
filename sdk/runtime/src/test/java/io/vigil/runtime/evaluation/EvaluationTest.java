package io.vigil.runtime.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.flow.TraceQuery;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.analytics.steps.StepColumn;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.TrainedModels;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.runtime.schema.EvaluatedColumns;
import io.vigil.runtime.schema.SparkSchemas;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation runtime on the embedded stack: a flow without models fails naming them; the
 * built-in recipe trains and saves both models with their review artifacts; evaluate, write and
 * publish put exactly the defined columns into Delta and the CDD, planted anomalies on top, with
 * ratings that sum to 10,000; a rerun leaves identical tables; trace queries bind their values.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluationTest {
  private static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);
  private static final Map<String, String> RELEASE = Map.of("version", "release");
  private static final int ACCOUNTS = 600;
  private static final int PLANTED = 6;
  private static final DataSet MONTHLY = DataSet.builder("account_monthly").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("month", DataType.TIMESTAMP))
      .addField(Field.of("tx_count", DataType.LONG))
      .addField(Field.of("sum_amount", DataType.DOUBLE))
      .addField(Field.of("cash_share", DataType.DOUBLE))
      .addField(Field.of("segment", DataType.STRING))
      .occurredOnField("month").publish(true).build();
  private static final DataSet TX = DataSet.builder("transaction").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("trans_id", DataType.STRING)).addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("amount", DataType.DOUBLE)).addField(Field.of("date", DataType.TIMESTAMP))
      .occurredOnField("date").publish(true).build();
  private static final EvaluationFlow FLOW = EvaluationFlow.builder("monthly_account")
      .inputDataset("account_monthly")
      .addStep(AlgoEvaluationStep.builder("algo")
          .featureExtractionModel(ModelReference.of("monthly_fe", RELEASE))
          .detectionModel(ModelReference.of("monthly_ad", RELEASE)).patternLength(2).build())
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .addTraceQuery(TraceQuery.builder("account_tx").features("sum_amount").dataset("transaction").identifierColumn("trans_id")
          .sql("SELECT trans_id, amount FROM {dataset_table} WHERE account_id = {activity.account_id}"
              + " AND date > {occurred_after} AND date <= {occurred_before} ORDER BY trans_id").build())
      .build();

  @TempDir static Path home;
  static SparkSession spark;
  static Stores stores;
  static StoreSettings settings;
  static SolutionCatalog catalog;
  static ModelRegistry models;
  static Layout layout;
  static String schema;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager"));
    stores = Stores.open(settings);
    settings = stores.settings();
    catalog = Catalogs.of("evaldemo", MONTHLY, TX, FLOW);
    models = LocalModelRegistry.under(home);
    layout = new Layout("evaldemo", settings.warehouseRoot());
    schema = layout.cddSchema(Environment.PUBLIC);
    for (DataSet ds : List.of(MONTHLY, TX)) {
      DeltaTables.ensure(spark, layout.datasetPath(Environment.PUBLIC, ds.identifier()), SparkSchemas.table(ds), SparkSchemas.partitionColumns(ds));
      DeltaTables.ensure(spark, layout.rejectedPath(Environment.PUBLIC, ds.identifier()), SparkSchemas.rejected(), List.of());
    }
    stores.postgres().withConnection(c -> {
      c.createStatement().execute("create schema if not exists " + CddTable.quote(schema));
      for (CddTable t : List.of(CddTables.dataset(schema, MONTHLY), CddTables.dataset(schema, TX),
          CddTables.evaluatedActivities(schema, FLOW, MONTHLY, List.of()), CddTables.explainability(schema, FLOW))) {
        for (String sql : t.createStatements()) {
          c.createStatement().execute(sql);
        }
      }
      return null;
    });
    try (JobContext context = context()) {
      Datasets.write(context, monthly(), "account_monthly");
      Datasets.write(context, transactions(), "transaction");
      Datasets.publish(context, "transaction");
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
    stores.close();
  }

  static JobContext context() {
    return JobContext.builder(catalog).settings(settings).executionDate(D1).environment(Environment.PUBLIC).spark(spark)
        .models(models).writer("aml.Evaluate").open();
  }

  @Test
  @Order(1)
  void aFlowWhoseModelIsMissingFailsNamingIt() {
    try (JobContext context = context()) {
      Dataset<Row> input = Datasets.read(context, "account_monthly");
      assertThatThrownBy(() -> Evaluations.evaluate(context, "monthly_account", input))
          .isInstanceOf(VigilException.class)
          .hasMessageContaining("flow monthly_account step algo")
          .hasMessageContaining("monthly_fe").hasMessageContaining("{version=release}");
    }
  }

  @Test
  @Order(2)
  void theRecipeTrainsBothModelsWithTheirReviewArtifacts() throws Exception {
    try (JobContext context = context()) {
      List<TrainingResult> results = FlowTraining.train(context, "monthly_account", TrainingOptions.DEFAULTS);
      assertThat(results).hasSize(1);
      TrainingResult r = results.get(0);
      assertThat(r.features()).containsExactly("tx_count", "sum_amount", "cash_share", "segment");
      assertThat(r.rows()).isEqualTo(ACCOUNTS);
      assertThat(r.featuresVersion().tags()).containsEntry("version", "release").containsKey("_commit_id");
      assertThat(r.modelVersion().runId()).isEqualTo(r.runId()).isEqualTo(r.featuresVersion().runId());
      Path run = models.runArtifacts(r.runId(), "");
      assertThat(run.resolve(TrainedModels.REFERENCE)).exists();
      assertThat(Files.readAllLines(run.resolve(TrainedModels.REFERENCE)).get(0)).contains("algo_score", "algo_sum_amount_rank");
      assertThat(run.resolve("anomaly scores.png")).exists();
      assertThat(run.resolve("anomalies distribution - PCA.png")).exists();
      assertThat(Files.readString(run.resolve(TrainedModels.ANOMALIES_PAGE))).contains("planted-");
      assertThat(run.resolve("histograms/sum_amount.json")).exists();
      assertThat(models.run(r.runId()).params()).containsEntry("monthly_ad.training_rows", String.valueOf(ACCOUNTS));
    }
  }

  @Test
  @Order(3)
  void evaluateWriteAndPublishGiveTheDefinedColumnsAndPlantedAnomaliesOnTop() {
    List<String> first;
    try (JobContext context = context()) {
      Dataset<Row> evaluated = Evaluations.evaluate(context, "monthly_account", Datasets.read(context, "account_monthly"));
      EvaluatedWrite written = Evaluations.write(context, evaluated, "monthly_account");
      assertThat(written.rows()).isEqualTo(ACCOUNTS);
      assertThat(written.rated()).isGreaterThanOrEqualTo(PLANTED);
      Evaluations.publish(context, "monthly_account");
    }
    List<String> columns = table("select column_name from information_schema.columns where table_schema = '" + schema
        + "' and table_name = 'monthly_account' order by ordinal_position");
    for (StepColumn c : EvaluatedColumns.of(FLOW, MONTHLY)) {
      assertThat(columns).contains(c.name());
    }
    assertThat(columns).doesNotContain("algo_feature_ratings");
    List<String> top = table("select account_id from " + schema + ".monthly_account order by algo_score desc limit " + PLANTED);
    assertThat(top).allMatch(a -> a.startsWith("planted-"));
    assertThat(table("select count(*) from " + schema + ".monthly_account where algo_score is null")).containsExactly("0");
    // Every rated record's ratings sum to 10,000 and its ranks run 1..n.
    assertThat(table("select distinct sum(rating) from " + schema + ".monthly_account_expl group by tr_id, step"))
        .containsExactly("10000");
    assertThat(table("select count(*) from " + schema + ".monthly_account_expl e join " + schema
        + ".monthly_account a using (tr_id) where e.feature = 'sum_amount' and e.rank = a.algo_sum_amount_rank"
        + " and e.rating = a.algo_sum_amount_rating")).doesNotContain("0");
    first = dump();

    try (JobContext context = context()) {
      Dataset<Row> evaluated = Evaluations.evaluate(context, "monthly_account", Datasets.read(context, "account_monthly"));
      Evaluations.write(context, evaluated, "monthly_account");
      Evaluations.publish(context, "monthly_account");
      assertThat(Evaluations.load(context, "monthly_account").count()).isEqualTo(ACCOUNTS);
    }
    assertThat(dump()).as("a rerun for the same date leaves identical tables").isEqualTo(first);
  }

  @Test
  @Order(4)
  void missingValuesAreImputedAndUnseenCategoriesTakeTheFillValue() {
    try (JobContext context = context()) {
      StructType schema = spark.table("delta.`" + layout.datasetPath(Environment.PUBLIC, "account_monthly") + "`").schema();
      Dataset<Row> odd = Datasets.read(context, "account_monthly").limit(2)
          .withColumn("sum_amount", org.apache.spark.sql.functions.lit(null).cast("double"))
          .withColumn("cash_share", org.apache.spark.sql.functions.lit(Double.NaN))
          .withColumn("segment", org.apache.spark.sql.functions.lit("never-seen"));
      List<Row> scored = Evaluations.evaluate(context, "monthly_account", odd).collectAsList();
      assertThat(schema.fieldNames()).contains("sum_amount");
      assertThat(scored).hasSize(2).allSatisfy(r -> {
        assertThat(r.<Double>getAs("algo_score")).isNotNull().isBetween(0.0, 1.0);
        assertThat(r.<Object>getAs("sum_amount")).as("the record keeps its own value").isNull();
      });
      Dataset<Row> none = Datasets.read(context, "account_monthly").where("false");
      assertThat(Evaluations.evaluate(context, "monthly_account", none).count()).isZero();
    }
  }

  @Test
  @Order(5)
  void traceQueriesBindTheActivityAndTreatSqlInValuesAsData() {
    String planted = table("select tr_id from " + schema + ".monthly_account where account_id = 'planted-0'").get(0);
    try (JobContext context = context()) {
      List<Map<String, Object>> rows = Traces.trace(context, "monthly_account", planted, "account_tx");
      assertThat(rows).extracting(r -> r.get("trans_id")).containsExactly("planted-0-t0", "planted-0-t1");
      String hostile = table("select tr_id from " + schema + ".monthly_account where account_id like '%drop table%'").get(0);
      assertThat(Traces.trace(context, "monthly_account", hostile, "account_tx")).extracting(r -> r.get("trans_id"))
          .containsExactly("hostile-t0");
      assertThatThrownBy(() -> Traces.trace(context, "monthly_account", planted, "nope"))
          .hasMessageContaining("no such trace query").hasMessageContaining("account_tx");
    }
    assertThat(table("select count(*) from " + schema + ".transaction")).doesNotContain("0");
  }

  /** Ordinary accounts, a few planted ones far out, and one whose id holds SQL. */
  private static Dataset<Row> monthly() {
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    java.sql.Timestamp month = java.sql.Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 0, 0));
    String[] segments = {"retail", "retail", "sme", "private"};
    for (int i = 0; i < ACCOUNTS - PLANTED - 1; i++) {
      rows.add(RowFactory.create("a" + i, month, (long) (20 + random.nextInt(10)), 1_000 + random.nextGaussian() * 100,
          0.1 + random.nextDouble() * 0.05, segments[i % segments.length]));
    }
    for (int i = 0; i < PLANTED; i++) {
      rows.add(RowFactory.create("planted-" + i, month, 400L + i, 90_000.0 + i * 1_000, 0.95, "retail"));
    }
    rows.add(RowFactory.create("x'; drop table transaction; --", month, 22L, 1_010.0, 0.12, "sme"));
    StructType type = new StructType().add("account_id", DataTypes.StringType).add("month", DataTypes.TimestampType)
        .add("tx_count", DataTypes.LongType).add("sum_amount", DataTypes.DoubleType).add("cash_share", DataTypes.DoubleType)
        .add("segment", DataTypes.StringType);
    return spark.createDataFrame(rows, type);
  }

  private static Dataset<Row> transactions() {
    List<Row> rows = new ArrayList<>();
    java.sql.Timestamp inMonth = java.sql.Timestamp.valueOf(LocalDateTime.of(2024, 1, 15, 0, 0));
    java.sql.Timestamp before = java.sql.Timestamp.valueOf(LocalDateTime.of(2023, 11, 15, 0, 0));
    rows.add(RowFactory.create("planted-0-t0", "planted-0", 50_000.0, inMonth));
    rows.add(RowFactory.create("planted-0-t1", "planted-0", 40_000.0, inMonth));
    rows.add(RowFactory.create("planted-0-old", "planted-0", 1.0, before));
    rows.add(RowFactory.create("hostile-t0", "x'; drop table transaction; --", 10.0, inMonth));
    rows.add(RowFactory.create("a1-t0", "a1", 10.0, inMonth));
    StructType type = new StructType().add("trans_id", DataTypes.StringType).add("account_id", DataTypes.StringType)
        .add("amount", DataTypes.DoubleType).add("date", DataTypes.TimestampType);
    return spark.createDataFrame(rows, type);
  }

  private static List<String> dump() {
    List<String> out = new ArrayList<>(table("select * from " + schema + ".monthly_account order by tr_id"));
    out.addAll(table("select * from " + schema + ".monthly_account_expl order by tr_id, step, rank"));
    return out;
  }

  private static List<String> table(String sql) {
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
