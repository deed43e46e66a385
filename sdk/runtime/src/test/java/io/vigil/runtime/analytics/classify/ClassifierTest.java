package io.vigil.runtime.analytics.classify;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.runtime.analytics.features.CategoricFeaturesTransformer;
import io.vigil.runtime.analytics.features.FeaturesExtractor;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.analytics.features.ImputationStrategy;
import io.vigil.runtime.analytics.features.NumericFeaturesTransformer;
import io.vigil.runtime.analytics.metrics.ClassMetrics;
import io.vigil.runtime.analytics.metrics.ClassificationMetrics;
import io.vigil.runtime.analytics.steps.ModelFiles;
import io.vigil.runtime.analytics.steps.StepColumn;
import io.vigil.runtime.analytics.steps.StepColumns;
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credit scoring on the Statlog German credit data (seed 002), and the classifier's contracts. */
class ClassifierTest {
  static final String[] NUMERIC = {"duration", "credit_amount", "installment_rate", "residence_since", "age", "existing_credits",
      "dependants"};
  static final String[] CATEGORIC = {"checking_status", "credit_history", "purpose", "savings", "employment", "personal_status",
      "other_debtors", "property", "other_installment_plans", "housing", "job", "telephone", "foreign_worker"};
  private static final String[] COLUMNS = {"checking_status", "duration", "credit_history", "purpose", "credit_amount", "savings",
      "employment", "installment_rate", "personal_status", "other_debtors", "residence_since", "property", "age",
      "other_installment_plans", "housing", "existing_credits", "job", "dependants", "telephone", "foreign_worker", "risk"};
  private static SparkSession spark;
  private static Dataset<Row> train;
  private static Dataset<Row> test;
  private static List<String> features;
  private static ClassifierModel gbt;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    Dataset<Row> german = german(spark);
    Dataset<Row>[] split = german.randomSplit(new double[] {0.7, 0.3}, 2026);
    FeaturesExtractorModel extractor = FeaturesExtractor.of(NumericFeaturesTransformer.of(ImputationStrategy.MEDIAN, NUMERIC),
        CategoricFeaturesTransformer.of(ImputationStrategy.MOST_FREQUENT, CATEGORIC)).fit(split[0]);
    features = extractor.featureNames();
    train = extractor.transform(split[0]).cache();
    test = extractor.transform(split[1]).cache();
    gbt = Classifier.of(ClassifierSettings.defaults()).fit(train, features, "risk");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** german.data with named columns, an id, and risk 1 (good) or 2 (bad). */
  static Dataset<Row> german(SparkSession spark) {
    StructType schema = new StructType();
    for (String c : COLUMNS) {
      boolean numeric = c.equals("risk") || List.of(NUMERIC).contains(c);
      schema = schema.add(c, numeric ? DataTypes.IntegerType : DataTypes.StringType);
    }
    String path = ClassifierTest.class.getResource("/german-credit/german.data").getPath();
    return spark.read().option("sep", " ").schema(schema).csv(path).coalesce(1)
        .withColumn("id", org.apache.spark.sql.functions.monotonically_increasing_id());
  }

  private static double[] x(Row r) {
    double[] x = new double[features.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.getDouble(r.fieldIndex(features.get(i)));
    }
    return x;
  }

  @Test
  void gradientBoostedTreesScoreAtLeastAsWellAsLogisticRegressionOnTheHoldOut() {
    ClassifierModel lr = Classifier.of(ClassifierSettings.of(ClassifierAlgorithm.logisticRegression())).fit(train, features, "risk");
    ClassificationMetrics trees = gbt.evaluationMetric(test, "risk");
    ClassificationMetrics baseline = lr.evaluationMetric(test, "risk");
    System.out.printf("German credit, 30 %% hold-out of %d: AUC gradient-boosted trees %.4f, logistic regression %.4f%n",
        test.count(), trees.auc(), baseline.auc());
    System.out.println("  trees " + trees.asMap() + "\n  logistic regression " + baseline.asMap());
    assertThat(trees.auc()).isGreaterThanOrEqualTo(baseline.auc());
    assertThat(baseline.auc()).isGreaterThan(0.7);
  }

  @Test
  void probabilitiesSumToOneAndOneRecordScoresExactlyAsSparkDoes() {
    List<Row> rows = gbt.predict(test).collectAsList();
    assertThat(rows).hasSize((int) test.count());
    for (Row r : rows) {
      double[] p = gbt.predict(x(r));
      assertThat(p[0]).isEqualTo(r.getDouble(r.fieldIndex("probability_1")));
      assertThat(p[1]).isEqualTo(r.getDouble(r.fieldIndex("probability_2")));
      assertThat(p[0] + p[1]).isCloseTo(1.0, Offset.offset(1e-12));
      assertThat(r.getInt(r.fieldIndex("classification"))).isEqualTo(ClassifierModel.classOf(p));
    }
  }

  @Test
  void theCopiedTreesGiveMllibsOwnProbabilities() {
    ClassifierSettings settings = ClassifierSettings.of(new ClassifierAlgorithm.GradientBoostedTrees(20, 3, 0.1, 0.8));
    ClassifierFitter.Fitted fitted = new ClassifierFitter(settings, train, features, "risk").fit();
    try {
      GBTClassificationModel mllib = (GBTClassificationModel) fitted.sparkModels().get(0);
      assertThat(fitted.core().ensembles[0].roots).hasSize(mllib.getNumTrees());
      for (Row r : mllib.transform(fitted.vectors().withColumn("t", lit(0.0))).select("v", "probability").collectAsList()) {
        Vector v = r.getAs(0);
        Vector p = r.getAs(1);
        double margin = fitted.core().ensembles[0].margin(v.toArray());
        assertThat(1.0 - 1.0 / (1.0 + Math.exp(2.0 * margin))).isCloseTo(p.apply(1), Offset.offset(1e-12));
      }
    } finally {
      fitted.vectors().unpersist();
    }
  }

  @Test
  void evaluationMetricOnSparkAgreesWithThePlainComputation() {
    ClassificationMetrics spark = gbt.evaluationMetric(test, "risk");
    List<Row> rows = gbt.predict(test).select("probability_1", "probability_2", "risk").collectAsList();
    double[][] p = new double[rows.size()][];
    int[] y = new int[rows.size()];
    for (int i = 0; i < y.length; i++) {
      p[i] = new double[] {rows.get(i).getDouble(0), rows.get(i).getDouble(1)};
      y[i] = rows.get(i).getInt(2);
    }
    ClassificationMetrics plain = ClassMetrics.evaluate(p, y, 2.0);
    assertThat(spark.auc()).isCloseTo(plain.auc(), Offset.offset(1e-12));
    assertThat(spark.f1()).isCloseTo(plain.f1(), Offset.offset(1e-12));
    assertThat(spark.fbeta()).isCloseTo(plain.fbeta(), Offset.offset(1e-12));
    assertThat(spark.accuracy()).isCloseTo(plain.accuracy(), Offset.offset(1e-12));
    assertThat(spark.precision()).isCloseTo(plain.precision(), Offset.offset(1e-12));
    assertThat(spark.recall()).isCloseTo(plain.recall(), Offset.offset(1e-12));
  }

  @Test
  void featureRatingsOfEveryRecordSumToTenThousandTowardsItsClass() {
    List<Row> rated = gbt.featureRatingMultiLabs(test, "id", null).collectAsList();
    assertThat(rated).hasSize((int) test.count());
    for (Row r : rated) {
      List<Row> ratings = r.getList(3);
      int sum = 0;
      for (int p = 0; p < ratings.size(); p++) {
        sum += ratings.get(p).getInt(2);
        if (p > 0) {
          assertThat(ratings.get(p).getInt(2)).isLessThanOrEqualTo(ratings.get(p - 1).getInt(2));
        }
      }
      assertThat(sum).isEqualTo(10_000);
      assertThat(r.getInt(1)).isBetween(1, 2);
      assertThat(r.getDouble(2)).isBetween(0.5, 1.0);
    }
    Row given = gbt.featureRatingMultiLabs(test, "id", "risk").first();
    assertThat(given.getInt(1)).isEqualTo(test.where(col("id").equalTo(given.getLong(0))).first().getInt(test.first().fieldIndex("risk")));
  }

  @Test
  void moreThanTwoClassesUseOneModelPerClassAndSumToOne() {
    Dataset<Row> blobs = spark.range(0, 900, 1, 2).toDF("id").withColumn("k", col("id").mod(3).plus(1).cast("int"));
    for (int i = 0; i < 3; i++) {
      blobs = blobs.withColumn("x" + i, randn(i).plus(when(col("k").equalTo(i + 1), lit(3.0)).otherwise(lit(0.0))));
    }
    List<String> xs = List.of("x0", "x1", "x2");
    for (ClassifierAlgorithm algorithm : List.of(new ClassifierAlgorithm.GradientBoostedTrees(15, 2, 0.3, 1.0),
        ClassifierAlgorithm.logisticRegression())) {
      ClassifierModel model = Classifier.of(ClassifierSettings.of(algorithm)).fit(blobs, xs, "k");
      assertThat(model.classes()).isEqualTo(3);
      for (Row r : model.predict(blobs).collectAsList()) {
        double sum = r.getDouble(r.fieldIndex("probability_1")) + r.getDouble(r.fieldIndex("probability_2"))
            + r.getDouble(r.fieldIndex("probability_3"));
        assertThat(sum).isCloseTo(1.0, Offset.offset(1e-12));
      }
      ClassificationMetrics m = model.evaluationMetric(blobs, "k");
      assertThat(m.accuracy()).as(algorithm.toString()).isGreaterThan(0.85);
      assertThat(m.auc()).isGreaterThan(0.95);
      Dataset<Row> step = StepColumns.classification(blobs, model, "cra", Map.of(1, "L", 2, "M", 3, "H"), 2);
      List<String> expected = new ArrayList<>(List.of(blobs.columns()));
      StepColumns.classificationColumns("cra", xs, Map.of(1, "L", 2, "M", 3, "H"), 3).stream().map(StepColumn::name)
          .forEach(expected::add);
      assertThat(step.columns()).containsExactlyElementsOf(expected);
      Row first = step.where(col("k").equalTo(3)).orderBy(col("cra_h_score").desc()).first();
      assertThat(first.getString(first.fieldIndex("cra_classification"))).isEqualTo("H");
      assertThat(first.getString(first.fieldIndex("cra_pattern"))).startsWith("x2");
    }
  }

  @Test
  void aSavedModelLoadsEqual(@TempDir Path dir) {
    gbt.save(dir.resolve("tree"));
    assertThat(ModelFiles.load(dir.resolve("tree"))).isEqualTo(gbt);
    ClassifierModel lr = Classifier.of(ClassifierSettings.of(ClassifierAlgorithm.logisticRegression())).fit(train, features, "risk");
    lr.save(dir.resolve("lr"));
    ClassifierModel loaded = ClassifierModel.load(dir.resolve("lr"));
    assertThat(loaded).isEqualTo(lr);
    Row r = test.first();
    assertThat(loaded.predict(x(r))).containsExactly(lr.predict(x(r)));
  }

  @Test
  void badLabelsAndMissingFeaturesAreRefusedOrLeftUnscored() {
    assertThatThrownBy(() -> Classifier.of(ClassifierSettings.defaults()).fit(train.withColumn("risk", lit(1)), features, "risk"))
        .isInstanceOf(VigilException.class).hasMessageContaining("every class 1..N");
    assertThatThrownBy(() -> Classifier.of(ClassifierSettings.defaults())
        .fit(train.withColumn("risk", when(col("id").equalTo(0), lit(null)).otherwise(col("risk"))), features, "risk"))
        .isInstanceOf(VigilException.class).hasMessageContaining("null or negative");
    assertThatThrownBy(() -> Classifier.of(ClassifierSettings.defaults()).fit(train.limit(0), features, "risk"))
        .isInstanceOf(VigilException.class).hasMessageContaining("no labelled records");
    Column hole = when(col("id").equalTo(test.first().getLong(test.first().fieldIndex("id"))), lit(Double.NaN)).otherwise(col("age"));
    assertThat(gbt.predict(test.withColumn("age", hole)).where(col("probability_1").isNull()).count()).isEqualTo(1);
    double[] x = x(test.first());
    x[0] = Double.NaN;
    assertThatThrownBy(() -> gbt.predict(x)).isInstanceOf(VigilException.class).hasMessageContaining("feature 'duration' is NaN");
    assertThat(gbt.predict(test.limit(0)).count()).isZero();
  }
}
