package io.vigil.runtime.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.DriftMode;
import io.vigil.api.flow.DriftSettings;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.ModelReference;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.evaluation.FlowTraining;
import io.vigil.runtime.evaluation.Models;
import io.vigil.runtime.evaluation.TrainingOptions;
import io.vigil.runtime.evaluation.TrainingResult;
import io.vigil.runtime.job.JobRun;
import io.vigil.runtime.job.MlflowReporter;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.TrainedModels;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.runtime.schema.SparkSchemas;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.TestSpark;
import io.vigil.testing.mlflow.MlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift checks on the embedded stack: models trained by the built-in recipe on one month, then months
 * drawn from the same distribution (every test passes), with one feature shifted by a standard
 * deviation (CSI fails, at the value this test computes by hand from the saved reference set), in
 * block mode (the check fails with DRIFT_DETECTED), and against a model registered without a
 * reference set (the error names it). The logged metrics and charts reach a real MLflow server.
 */
class DriftTest {
  private static final LocalDateTime TRAINED = LocalDateTime.of(2024, 1, 31, 0, 0);
  private static final LocalDateTime SAME = LocalDateTime.of(2024, 2, 29, 0, 0);
  private static final LocalDateTime SHIFTED = LocalDateTime.of(2024, 3, 31, 0, 0);
  private static final Map<String, String> RELEASE = Map.of("version", "release");
  private static final int ACCOUNTS = 3000;
  private static final List<String> FEATURES = List.of("tx_count", "sum_amount", "cash_share", "max_amount", "balance");
  private static final DataSet MONTHLY = DataSet.builder("account_monthly").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("month", DataType.TIMESTAMP))
      .addField(Field.of("tx_count", DataType.LONG))
      .addField(Field.of("sum_amount", DataType.DOUBLE))
      .addField(Field.of("cash_share", DataType.DOUBLE))
      .addField(Field.of("max_amount", DataType.DOUBLE))
      .addField(Field.of("balance", DataType.DOUBLE))
      .occurredOnField("month").build();
  private static final EvaluationFlow FLOW = flow("monthly_account", "monthly_fe", "monthly_ad");
  /** A flow whose models were registered by hand, without training's reference set. */
  private static final EvaluationFlow BARE = flow("bare_account", "bare_fe", "bare_ad");

  @TempDir static Path home;
  static SparkSession spark;
  static Stores stores;
  static StoreSettings settings;
  static SolutionCatalog catalog;
  static ModelRegistry models;
  static MlflowServer mlflow;
  static TrainingResult trained;

  private static EvaluationFlow flow(String id, String fe, String ad) {
    return EvaluationFlow.builder(id).inputDataset("account_monthly")
        .addStep(AlgoEvaluationStep.builder("algo").featureExtractionModel(ModelReference.of(fe, RELEASE))
            .detectionModel(ModelReference.of(ad, RELEASE)).build())
        .build();
  }

  @BeforeAll
  static void start() throws Exception {
    spark = TestSpark.start();
    settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager"));
    stores = Stores.open(settings);
    settings = stores.settings();
    catalog = Catalogs.of("driftdemo", MONTHLY, FLOW, BARE);
    models = LocalModelRegistry.under(home);
    Layout layout = new Layout("driftdemo", settings.warehouseRoot());
    DeltaTables.ensure(spark, layout.datasetPath(Environment.PUBLIC, "account_monthly"), SparkSchemas.table(MONTHLY),
        SparkSchemas.partitionColumns(MONTHLY));
    DeltaTables.ensure(spark, layout.rejectedPath(Environment.PUBLIC, "account_monthly"), SparkSchemas.rejected(), List.of());
    write(TRAINED, 1, x -> x);
    write(SAME, 2, x -> x);
    write(SHIFTED, 3, x -> x + SUM_SD);
    try (JobContext context = context(TRAINED)) {
      trained = FlowTraining.train(context, "monthly_account", TrainingOptions.DEFAULTS).get(0);
    }
    mlflow = MlflowServer.start(MlflowServer.requireVenv(), home.resolve("mlflow"));
  }

  @AfterAll
  static void stop() {
    if (mlflow != null) {
      mlflow.close();
    }
    spark.stop();
    stores.close();
  }

  static JobContext context(LocalDateTime date) {
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(Environment.PUBLIC).spark(spark)
        .models(models).writer("aml.Drift").open();
  }

  private static final double SUM_MEAN = 1000;
  private static final double SUM_SD = 200;

  /** A month of accounts, every feature from the same distribution; {@code sumAmount} may move sum_amount. */
  private static void write(LocalDateTime month, long seed, DoubleUnaryOperator sumAmount) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      rows.add(RowFactory.create("a" + i, Timestamp.valueOf(month), (long) (5 + random.nextInt(20)),
          sumAmount.applyAsDouble(SUM_MEAN + SUM_SD * random.nextGaussian()), random.nextDouble(),
          300 + 50 * random.nextGaussian(), 5000 + 1000 * random.nextGaussian()));
    }
    try (JobContext context = context(month)) {
      Dataset<Row> df = spark.createDataFrame(rows, SparkSchemas.fields(MONTHLY));
      Datasets.write(context, df, "account_monthly");
    }
  }

  @Test
  void aMonthFromTheSameDistributionPassesEveryTestAndIsLogged() {
    try (JobContext context = context(SAME)) {
      DriftReport report = Drift.check(context, "monthly_account", "algo", DriftSettings.builder().mode(DriftMode.BLOCK).build());
      assertThat(report.tests()).extracting(DriftTestResult::name).containsExactly(Drift.ABOVE_CSI_THRESHOLD_PERCENTAGE,
          Drift.MAX_CSI_FEATURE_CHANGE, Drift.IQR_ALGO_SCORE, Drift.ANOMALY_PERCENTAGE, Drift.TRIGGER_FEATURES,
          Drift.CSI_ANOMALY_PERCENT);
      assertThat(report.tests()).as(report.tests().toString()).allMatch(DriftTestResult::passed);
      assertThat(report.drifted()).isFalse();
      assertThat(report.model()).isEqualTo("monthly_ad");
      assertThat(report.modelVersion()).isEqualTo(trained.modelVersion().version());
      assertThat(report.referenceRows()).isEqualTo(ACCOUNTS);
      assertThat(report.currentRows()).isEqualTo(ACCOUNTS);
      assertThat(report.features()).extracting(FeatureShift::feature).containsExactlyElementsOf(FEATURES);
      // Two samples of 3,000 from one distribution differ by sampling noise only: far below the 0.25 of a drifted feature.
      assertThat(report.features()).allMatch(f -> f.csi() < 0.05);
      assertThat(report.test(Drift.MAX_CSI_FEATURE_CHANGE).threshold()).isEqualTo(0.5);
      assertThat(report.statistics().get("reference.mean.sum_amount")).isCloseTo(SUM_MEAN, within(20.0));
      assertThat(report.statistics().get("current.mean.sum_amount")).isCloseTo(SUM_MEAN, within(20.0));

      Map<String, Double> metrics = context.metrics().snapshot();
      assertThat(metrics).containsEntry("drift.monthly_account.algo.MAX_CSI_FEATURE_CHANGE.passed", 1.0)
          .containsEntry("drift.monthly_account.algo.drifted", 0.0)
          .containsEntry("drift.monthly_account.algo.IQR_ALGO_SCORE.threshold", 0.1)
          .containsEntry("drift.monthly_account.algo.current.rows", (double) ACCOUNTS);
      Map<String, byte[]> files = context.metrics().attachments();
      assertThat(files.keySet()).contains("drift/monthly_account.algo/results.csv",
          "drift/monthly_account.algo/sum_amount distribution.png", "drift/monthly_account.algo/algo_score distribution.png");
      assertThat(Arrays.copyOf(files.get("drift/monthly_account.algo/sum_amount distribution.png"), 4))
          .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
      assertThat(new String(files.get("drift/monthly_account.algo/results.csv"))).contains("test,MAX_CSI_FEATURE_CHANGE,PASS,");
    }
  }

  @Test
  void aShiftedFeatureFailsCsiAtTheValueComputedByHand() throws Exception {
    double expected = handCsi(referenceColumn("sum_amount"), currentSumAmounts());
    try (JobContext context = context(SHIFTED)) {
      DriftReport report = Drift.measure(context, "monthly_account", "algo", DriftSettings.defaults());
      FeatureShift sum = report.features().stream().filter(f -> f.feature().equals("sum_amount")).findFirst().orElseThrow();
      assertThat(sum.csi()).isCloseTo(expected, within(0.02 * expected));
      // A shift of one standard deviation is a CSI near 1 by the guide's formula: far past both thresholds.
      assertThat(sum.csi()).isGreaterThan(0.5);
      assertThat(sum.passed()).isFalse();
      assertThat(report.features().stream().filter(f -> !f.feature().equals("sum_amount"))).allMatch(FeatureShift::passed);
      assertThat(report.test(Drift.ABOVE_CSI_THRESHOLD_PERCENTAGE).value()).isEqualTo(0.2);
      assertThat(report.test(Drift.ABOVE_CSI_THRESHOLD_PERCENTAGE).passed()).isTrue();
      assertThat(report.test(Drift.MAX_CSI_FEATURE_CHANGE).value()).isEqualTo(sum.csi());
      assertThat(report.test(Drift.MAX_CSI_FEATURE_CHANGE).passed()).isFalse();
      assertThat(report.drifted()).isTrue();
      assertThat(context.metrics().snapshot()).containsEntry("drift.monthly_account.algo.MAX_CSI_FEATURE_CHANGE.passed", 0.0)
          .containsEntry("drift.monthly_account.algo.csi.sum_amount", sum.csi());
      // Log mode: measured and logged, nothing stops.
      report.enforce();
    }
  }

  @Test
  void blockModeFailsTheCheckWithItsOwnCode() {
    try (JobContext context = context(SHIFTED)) {
      assertThatThrownBy(() -> Drift.check(context, "monthly_account", "algo", DriftSettings.builder().mode(DriftMode.BLOCK).build()))
          .isInstanceOf(VigilException.class)
          .satisfies(e -> assertThat(((VigilException) e).code()).isEqualTo(ErrorCode.DRIFT_DETECTED))
          .satisfies(e -> assertThat(((VigilException) e).code().exitCode()).isEqualTo(6))
          .satisfies(e -> assertThat(((VigilException) e).errorId()).isEqualTo(RuntimeErrors.Id.DRIFT_DETECTED.id()))
          .hasMessageContaining("Cannot accept the data of flow monthly_account step algo for 2024-03-31T00:00")
          .hasMessageContaining(Drift.MAX_CSI_FEATURE_CHANGE);
      // The failing check was still logged first.
      assertThat(context.metrics().snapshot()).containsEntry("drift.monthly_account.algo.drifted", 1.0);
    }
  }

  @Test
  void aModelWithoutAReferenceSetIsNamed() {
    try (JobContext context = context(SAME)) {
      Models.save(context, "bare_fe", Models.load(models, trained.featuresVersion()), RELEASE);
      int version = Models.save(context, "bare_ad", Models.load(models, trained.modelVersion()), RELEASE).version();
      assertThatThrownBy(() -> Drift.check(context, "bare_account", "algo"))
          .isInstanceOf(VigilException.class)
          .satisfies(e -> assertThat(((VigilException) e).errorId()).isEqualTo(RuntimeErrors.Id.DRIFT_REFERENCE_MISSING.id()))
          .hasMessageStartingWith("Cannot check drift of flow bare_account step algo: model bare_ad version " + version
              + " has no reference set (" + TrainedModels.REFERENCE + " in run ");
    }
  }

  @Test
  void theLoggedTestsAndChartsReachMlflowAsTheTasksRun() throws Exception {
    JobRun run;
    try (JobContext context = context(SAME)) {
      Drift.check(context, "monthly_account", "algo");
      Instant now = Instant.now();
      run = new JobRun("r-drift", "aml.Drift", SAME, now, now, List.of(), context.metrics().snapshot(),
          context.metrics().attachments());
    }
    String runId = new MlflowReporter(mlflow.url().toString()).report(run, "driftdemo", "aml_monthly", "drift", null);

    JsonNode info = mlflow.get("runs/get", Map.of("run_id", runId)).path("run");
    assertThat(info.at("/info/run_name").asText()).isEqualTo("drift");
    String experiment = mlflow.get("experiments/get", Map.of("experiment_id", info.at("/info/experiment_id").asText()))
        .at("/experiment/name").asText();
    assertThat(experiment).isEqualTo("driftdemo.aml_monthly");
    List<String> metrics = new ArrayList<>();
    info.at("/data/metrics").forEach(m -> metrics.add(m.path("key").asText() + "=" + m.path("value").asDouble()));
    assertThat(metrics).contains("drift.monthly_account.algo.CSI_ANOMALY_PERCENT.passed=1.0",
        "drift.monthly_account.algo.ANOMALY_PERCENTAGE.threshold=5.0", "drift.monthly_account.algo.drifted=0.0");
    JsonNode listed = mlflow.get("artifacts/list", Map.of("run_id", runId, "path", "drift/monthly_account.algo"));
    List<String> files = new ArrayList<>();
    listed.path("files").forEach(f -> files.add(f.path("path").asText()));
    assertThat(files).contains("drift/monthly_account.algo/results.csv", "drift/monthly_account.algo/balance distribution.png",
        "drift/monthly_account.algo/algo_score distribution.png");
  }

  /** The reference set's values of one column, read from the CSV training saved, as plain text. */
  private static double[] referenceColumn(String column) throws Exception {
    List<String> lines = Files.readAllLines(models.runArtifacts(trained.modelVersion().runId(), TrainedModels.REFERENCE));
    int index = Arrays.asList(lines.get(0).split(",", -1)).indexOf(column);
    return lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",", -1)[index])).toArray();
  }

  /** The shifted month's sum_amount, generated again as {@link #write} did. */
  private static double[] currentSumAmounts() {
    Random random = new Random(3);
    double[] out = new double[ACCOUNTS];
    for (int i = 0; i < ACCOUNTS; i++) {
      random.nextInt(20);
      out[i] = SUM_MEAN + SUM_SD * random.nextGaussian() + SUM_SD;
      random.nextDouble();
      random.nextGaussian();
      random.nextGaussian();
    }
    return out;
  }

  /** CSI by the guide's formula over ten bins cut at the reference's deciles (nearest rank), empty bins at 0.0001. */
  private static double handCsi(double[] reference, double[] current) {
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    double[] edges = new double[9];
    for (int i = 1; i <= 9; i++) {
      edges[i - 1] = sorted[(int) Math.ceil(i / 10.0 * sorted.length) - 1];
    }
    double[] e = shares(reference, edges);
    double[] a = shares(current, edges);
    double csi = 0;
    for (int i = 0; i < e.length; i++) {
      double ei = Math.max(e[i], 1e-4);
      double ai = Math.max(a[i], 1e-4);
      csi += (ai - ei) * Math.log(ai / ei);
    }
    return csi;
  }

  private static double[] shares(double[] values, double[] edges) {
    double[] counts = new double[edges.length + 1];
    for (double v : values) {
      int bin = 0;
      while (bin < edges.length && v > edges[bin]) {
        bin++;
      }
      counts[bin]++;
    }
    return Arrays.stream(counts).map(c -> c / values.length).toArray();
  }
}
