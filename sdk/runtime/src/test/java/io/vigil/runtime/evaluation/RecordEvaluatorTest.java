package io.vigil.runtime.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.ClassificationEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.ModelReference;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.analytics.Explanation;
import io.vigil.runtime.analytics.classify.Classifier;
import io.vigil.runtime.analytics.classify.ClassifierAlgorithm;
import io.vigil.runtime.analytics.classify.ClassifierModel;
import io.vigil.runtime.analytics.classify.ClassifierSettings;
import io.vigil.runtime.analytics.detect.Algorithm;
import io.vigil.runtime.analytics.detect.Detector;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.detect.DetectorSettings;
import io.vigil.runtime.analytics.features.CategoricFeaturesTransformer;
import io.vigil.runtime.analytics.features.FeaturesExtractor;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.analytics.features.ImputationStrategy;
import io.vigil.runtime.analytics.features.NumericFeaturesTransformer;
import io.vigil.runtime.analytics.steps.StepColumns;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The record evaluator against batch evaluation on real models: a flow of two algo steps (the second
 * reading the first's score and a field its extractor does not impute) and two classifier steps (trees
 * over three classes, logistic regression over two), evaluated on the same records by
 * {@link Evaluations#evaluate} on Spark and by {@link RecordEvaluator} one record at a time, gives the
 * same columns in the same order with equal values and types, for records with nulls, NaN and unseen
 * categories too. The only difference is the documented one: the batch-relative rating percentile.
 */
class RecordEvaluatorTest {
  private static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);
  private static final Map<String, String> TAGS = Map.of("version", "rt");
  private static final int TRAINING = 800;
  private static final int EVALUATED = 600;
  private static final double EPSILON = 1e-12;
  private static final String[] CHANNELS = {"card", "card", "card", "wire", "cash", "atm"};
  private static final DataSet PAYMENTS = DataSet.builder("payments").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("booked", DataType.TIMESTAMP))
      .addField(Field.of("amount", DataType.DOUBLE))
      .addField(Field.of("tx_count", DataType.LONG))
      .addField(Field.of("age_days", DataType.INT))
      .addField(Field.of("channel", DataType.STRING))
      .addField(Field.of("is_new", DataType.BOOLEAN))
      .addField(Field.of("note", DataType.STRING))
      .occurredOnField("booked").build();
  private static final EvaluationFlow FLOW = EvaluationFlow.builder("payments_rt").inputDataset("payments")
      .addStep(AlgoEvaluationStep.builder("a1").featureExtractionModel(ModelReference.of("a1_fe", TAGS))
          .detectionModel(ModelReference.of("a1_ad", TAGS)).patternLength(2).build())
      .addStep(AlgoEvaluationStep.builder("a2").featureExtractionModel(ModelReference.of("a2_fe", TAGS))
          .detectionModel(ModelReference.of("a2_ad", TAGS)).patternLength(3).build())
      .addStep(ClassificationEvaluationStep.builder("c3").featureExtractionModel(ModelReference.of("c3_fe", TAGS))
          .detectionModel(ModelReference.of("c3_gbt", TAGS)).label(1, "L").label(2, "M").label(3, "H")
          .labelSelector("CASE WHEN c3_h_score > 0.4 THEN 3 WHEN c3_m_score > c3_l_score THEN 2 ELSE 1 END")
          .exclusionFilter("c3_classification = 3 AND amount > 1000").build())
      .addStep(ClassificationEvaluationStep.builder("c4").featureExtractionModel(ModelReference.of("c3_fe", TAGS))
          .detectionModel(ModelReference.of("c4_lr", TAGS)).label(1, "Low").label(2, "High")
          .labelSelector("IF(c4_high_score >= 0.3 OR a1_score > 0.6, 2, 1)")
          .exclusionFilter("a1_score > 0.7 AND tx_count > 100").build())
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .build();
  private static final EvaluationFlow SELECTED = EvaluationFlow.builder("payments_selected").inputDataset("payments")
      .addStep(ClassificationEvaluationStep.builder("c3").featureExtractionModel(ModelReference.of("c3_fe", TAGS))
          .detectionModel(ModelReference.of("c3_gbt", TAGS)).label(1, "L").label(2, "M").label(3, "H")
          .labelSelector("CASE WHEN c3_h_score > 0.3 THEN 3 ELSE no_such_column END").build())
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .build();

  @TempDir static Path home;
  static SparkSession spark;
  static SolutionCatalog catalog;
  static ModelRegistry models;
  static StoreSettings settings;
  static Dataset<Row> evaluated;
  static List<Map<String, Object>> records;
  static Map<String, Map<String, Object>> batch;
  static List<String> batchColumns;

  @BeforeAll
  static void trainAndEvaluateInBatch() {
    spark = TestSpark.start();
    settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager"));
    catalog = Catalogs.of("rtdemo", PAYMENTS, FLOW, SELECTED);
    models = LocalModelRegistry.under(home);
    try (JobContext context = context()) {
      train(context, payments(TRAINING, 11, true));
      evaluated = payments(EVALUATED, 23, false);
      records = new ArrayList<>();
      for (Row r : evaluated.collectAsList()) {
        records.add(asMap(r));
      }
      Dataset<Row> out = Evaluations.evaluate(context, FLOW.identifier(), evaluated);
      batchColumns = List.of(out.columns());
      batch = new HashMap<>();
      for (Row r : out.collectAsList()) {
        batch.put(r.getAs("tr_id"), asMap(r));
      }
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void everyEvaluatedColumnOfEveryRecordEqualsBatch() {
    RecordEvaluator evaluator;
    try (JobContext context = context()) {
      evaluator = RecordEvaluator.of(context, FLOW.identifier());
    }
    assertThat(evaluator.columns()).containsExactlyElementsOf(io.vigil.runtime.schema.EvaluatedColumns.of(FLOW, PAYMENTS));
    int compared = 0;
    int percentileRated = 0;
    int anomalies = 0;
    for (Map<String, Object> record : records) {
      Map<String, Object> real = evaluator.evaluate(record);
      Map<String, Object> expected = batch.get((String) record.get("tr_id"));
      assertThat(new ArrayList<>(real.keySet())).as("columns of %s", record.get("tr_id")).containsExactlyElementsOf(batchColumns);
      boolean ratedByPercentile = ratedByPercentile(expected);
      percentileRated += ratedByPercentile ? 1 : 0;
      anomalies += expected.get("a2_score") != null && (double) expected.get("a2_score") >= 0.5 ? 1 : 0;
      for (String column : batchColumns) {
        Object want = expected.get(column);
        Object got = real.get(column);
        if (ratedByPercentile && isExplanation("a2", column)) {
          // Batch's rating percentile is relative to the Dataset: a record alone is not explained.
          assertThat(got).as("%s of %s", column, record.get("tr_id")).isNull();
          continue;
        }
        assertEqual(column + " of " + record.get("tr_id"), got, want);
        compared++;
      }
    }
    long nonAnomalous = batch.values().stream().filter(r -> r.get("a2_score") != null && (double) r.get("a2_score") < 0.5).count();
    assertThat(percentileRated).as("batch rates round(1 %% of %d) non-anomalous records", nonAnomalous)
        .isEqualTo(Math.round(nonAnomalous / 100.0)).isPositive();
    System.out.printf("record evaluator equals batch on %d values (%d records x %d columns, %d a2 anomalies;"
        + " %d percentile-rated records' a2 explanations withheld)%n", compared, records.size(), batchColumns.size(), anomalies,
        percentileRated);
  }

  @Test
  void recordsTheModelsImputeKeepTheirOriginalValuesAndStillScore() {
    RecordEvaluator evaluator = direct();
    long imputed = 0;
    for (Map<String, Object> record : records) {
      Object amount = record.get("amount");
      boolean missing = amount == null || Double.isNaN((Double) amount) || record.get("channel") == null
          || "crypto".equals(record.get("channel")) || record.get("is_new") == null;
      if (!missing) {
        continue;
      }
      imputed++;
      Map<String, Object> real = evaluator.evaluate(record);
      assertThat(real.get("amount")).isEqualTo(amount);
      assertThat(real.get("channel")).isEqualTo(record.get("channel"));
      assertThat(real.get("a1_score")).isInstanceOf(Double.class);
      assertThat(real.get("c3_h_score")).isInstanceOf(Double.class);
    }
    assertThat(imputed).isGreaterThan(100);
    // A record whose raw (not imputed) feature age_days is null gets null everywhere in step a2, as in batch.
    Map<String, Object> noAge = new LinkedHashMap<>(records.get(0));
    noAge.put("age_days", null);
    Map<String, Object> real = evaluator.evaluate(noAge);
    assertThat(real.get("a2_score")).isNull();
    assertThat(real.get("a2_pattern")).isNull();
    assertThat(real.get("a1_score")).isNotNull();
  }

  @Test
  void percentileRatedRecordsGetTheBatchExplanationFromTheSameFunction() {
    StepModels a2 = resolved().get(1);
    DetectorModel detector = (DetectorModel) a2.scorer();
    ScorerInputs inputs = new ScorerInputs(detector.featureNames());
    List<String> extracted = a2.features().featureNames();
    int checked = 0;
    for (Map<String, Object> expected : batch.values()) {
      if (ratedByPercentile(expected)) {
        Map<String, Object> transformed = new HashMap<>(expected);
        double[] features = a2.features().extract(expected);
        for (int i = 0; i < features.length; i++) {
          transformed.put(extracted.get(i), features[i]);
        }
        Explanation e = detector.explain(inputs.of(transformed), 3);
        assertThat(e.pattern()).isEqualTo(expected.get("a2_pattern"));
        List<String> names = detector.featureNames();
        for (int i = 0; i < names.size(); i++) {
          assertThat(e.rankOf(i)).isEqualTo(expected.get(StepColumns.rank("a2", names.get(i))));
          assertThat(e.ratingOf(i)).isEqualTo(expected.get(StepColumns.rating("a2", names.get(i))));
        }
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void oneEvaluatorServesManyThreads() throws Exception {
    RecordEvaluator evaluator = direct();
    List<Map<String, Object>> sequential = records.stream().map(evaluator::evaluate).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Map<String, Object>>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> records.stream().map(evaluator::evaluate).toList()));
      }
      for (Future<List<Map<String, Object>>> run : runs) {
        assertThat(run.get()).isEqualTo(sequential);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void sparkSqlThatNeedsMoreThanTheRecordFailsOnCreation() {
    try (JobContext context = context()) {
      assertThatThrownBy(() -> RecordEvaluator.of(context, SELECTED.identifier()))
          .isInstanceOf(VigilException.class)
          .hasMessageContaining("Cannot evaluate flow payments_selected in real time: step c3's label selector")
          .hasMessageContaining("no_such_column");
    }
    StepModels c3 = resolved().get(2);
    for (String selector : List.of("IF(rand() > 0.5, 1, 2)", "max(c3_h_score) > 0.5", "c3_h_score IN (SELECT 1)")) {
      ClassificationEvaluationStep step = ((ClassificationEvaluationStep) c3.step()).toBuilder().labelSelector(selector).build();
      EvaluationFlow flow = SELECTED.toBuilder().evaluationSteps(List.of(step)).build();
      assertThatThrownBy(() -> RecordEvaluator.of(flow, PAYMENTS, List.of(StepModels.of(step, c3.features(), c3.scorer())), spark))
          .as(selector).isInstanceOf(VigilException.class).hasMessageContaining("cannot be evaluated one record at a time");
    }
    assertThatThrownBy(() -> RecordEvaluator.of(FLOW, PAYMENTS, resolved(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step c3 has a label selector");
    assertThatThrownBy(() -> RecordEvaluator.of(FLOW, PAYMENTS, resolved().subList(0, 2), spark))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the flow's steps are [a1, a2, c3, c4]");
  }

  /** The evaluator made from models resolved beforehand, as a service that loads them itself would. */
  private static RecordEvaluator direct() {
    return RecordEvaluator.of(FLOW, PAYMENTS, resolved(), spark);
  }

  private static List<StepModels> resolved() {
    return FLOW.evaluationSteps().stream().map(s -> StepModels.resolve(models, FLOW, s)).toList();
  }

  /** A non-anomalous record that batch explains in step a2 because of the rating percentile. */
  private static boolean ratedByPercentile(Map<String, Object> batchRow) {
    Object score = batchRow.get("a2_score");
    return score != null && (double) score < 0.5 && batchRow.get("a2_pattern") != null;
  }

  private static boolean isExplanation(String step, String column) {
    return column.startsWith(step + "_") && (column.endsWith("_rank") || column.endsWith("_rating") || column.endsWith("_pattern"));
  }

  private static void assertEqual(String what, Object got, Object want) {
    if (want == null) {
      assertThat(got).as(what).isNull();
      return;
    }
    assertThat(got).as(what).isNotNull();
    assertThat(got.getClass()).as("type of " + what).isEqualTo(want.getClass());
    if (want instanceof Double w && !w.isNaN()) {
      assertThat((Double) got).as(what).isCloseTo(w, org.assertj.core.data.Offset.offset(EPSILON));
    } else {
      assertThat(got).as(what).isEqualTo(want);
    }
  }

  private static Map<String, Object> asMap(Row r) {
    Map<String, Object> m = new LinkedHashMap<>();
    String[] names = r.schema().fieldNames();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], r.get(i));
    }
    return m;
  }

  static JobContext context() {
    return JobContext.builder(catalog).settings(settings).executionDate(D1).environment(Environment.PUBLIC).spark(spark)
        .models(models).writer("aml.RealTime").open();
  }

  /**
   * a1: every field but note, unsupervised, no rating percentile. a2: amount, tx_count and channel
   * imputed, plus a1's score and the raw age_days, HBOS only, tuned on labels, 1 % rating percentile.
   * c3: trees over three risk classes; c4: logistic regression over two.
   */
  private static void train(JobContext context, Dataset<Row> rows) {
    FeaturesExtractorModel fe1 = FeaturesExtractor.of(
        NumericFeaturesTransformer.of(ImputationStrategy.MEDIAN, "amount", "tx_count", "age_days"),
        CategoricFeaturesTransformer.of(ImputationStrategy.MOST_FREQUENT, "channel", "is_new")).fit(rows);
    DetectorModel d1 = Detector.of(DetectorSettings.builder().ratingPercentile(0).trees(50).threads(2).build())
        .fit(fe1.transform(rows), fe1.featureNames());
    Models.save(context, "a1_fe", fe1, TAGS);
    Models.save(context, "a1_ad", d1, TAGS);

    FeaturesExtractorModel fe2 = FeaturesExtractor.of(
        NumericFeaturesTransformer.of(ImputationStrategy.MEAN, "amount", "tx_count"),
        CategoricFeaturesTransformer.of(ImputationStrategy.CONSTANT, "channel").withFillValue(-1)).fit(rows);
    Dataset<Row> afterA1 = Evaluations.evaluateStep(context, FLOW.identifier(), "a1", rows);
    DetectorModel d2 = Detector.of(DetectorSettings.builder().algorithms(Algorithm.HBOS).threads(2).build())
        .fit(fe2.transform(afterA1), List.of("amount", "tx_count", "channel", "a1_score", "age_days"), "flag");
    assertThat(d2.tunedThreshold()).as("a2 maps a tuned threshold onto the fusion threshold").isNotNaN();
    Models.save(context, "a2_fe", fe2, TAGS);
    Models.save(context, "a2_ad", d2, TAGS);

    Dataset<Row> prepared = fe1.transform(rows);
    ClassifierModel gbt = Classifier.of(ClassifierSettings.of(new ClassifierAlgorithm.GradientBoostedTrees(4, 3, 0.5, 1.0)))
        .fit(prepared, fe1.featureNames(), "risk");
    ClassifierModel lr = Classifier.of(ClassifierSettings.of(new ClassifierAlgorithm.LogisticRegression(20, 0.01)))
        .fit(prepared, fe1.featureNames(), "high");
    assertThat(gbt.classes()).isEqualTo(3);
    assertThat(lr.classes()).isEqualTo(2);
    Models.save(context, "c3_fe", fe1, TAGS);
    Models.save(context, "c3_gbt", gbt, TAGS);
    Models.save(context, "c4_lr", lr, TAGS);
  }

  /**
   * Payments with a few planted outliers. Training rows are complete and carry labels; evaluated rows
   * have nulls, NaN, unseen channels ("crypto") and a free-text note no model uses.
   */
  private static Dataset<Row> payments(int n, long seed, boolean training) {
    Random random = new Random(seed);
    java.sql.Timestamp booked = java.sql.Timestamp.valueOf(D1);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean planted = i % 97 == 5;
      double amount = planted ? 40_000 + random.nextDouble() * 20_000 : Math.exp(4 + random.nextGaussian());
      long txCount = planted ? 300 + random.nextInt(50) : 5 + random.nextInt(20);
      int age = planted ? 1 : 30 + random.nextInt(2_000);
      String channel = planted ? "cash" : CHANNELS[random.nextInt(CHANNELS.length)];
      boolean isNew = planted || random.nextInt(10) == 0;
      int risk = amount > 200 ? 3 : amount > 60 ? 2 : 1;
      if (random.nextInt(10) == 0) {
        risk = 1 + random.nextInt(3);
      }
      Object amountValue = amount;
      Object txValue = txCount;
      Object ageValue = age;
      Object channelValue = channel;
      Object isNewValue = isNew;
      if (!training) {
        switch (i % 20) {
          case 1 -> amountValue = null;
          case 2 -> amountValue = Double.NaN;
          case 3 -> txValue = null;
          case 4 -> channelValue = null;
          case 6 -> channelValue = "crypto";
          case 7 -> isNewValue = null;
          case 8 -> ageValue = null;
          case 9 -> {
            amountValue = null;
            channelValue = "crypto";
            isNewValue = null;
          }
          default -> { }
        }
      }
      rows.add(RowFactory.create("p" + seed + "-" + i, "acc" + (i % 50), booked, amountValue, txValue, ageValue, channelValue,
          isNewValue, "note " + random.nextInt(1_000), planted ? 1 : 0, risk, risk == 3 ? 2 : 1));
    }
    StructType type = new StructType().add("tr_id", DataTypes.StringType).add("account_id", DataTypes.StringType)
        .add("booked", DataTypes.TimestampType).add("amount", DataTypes.DoubleType).add("tx_count", DataTypes.LongType)
        .add("age_days", DataTypes.IntegerType).add("channel", DataTypes.StringType).add("is_new", DataTypes.BooleanType)
        .add("note", DataTypes.StringType).add("flag", DataTypes.IntegerType).add("risk", DataTypes.IntegerType)
        .add("high", DataTypes.IntegerType);
    Dataset<Row> out = spark.createDataFrame(rows, type);
    return training ? out : out.drop("flag", "risk", "high");
  }
}
