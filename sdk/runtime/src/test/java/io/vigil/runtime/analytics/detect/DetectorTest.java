package io.vigil.runtime.analytics.detect;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.runtime.analytics.FeatureRating;
import io.vigil.runtime.analytics.metrics.BinaryMetrics;
import io.vigil.runtime.analytics.metrics.PerfMetric;
import io.vigil.runtime.analytics.steps.ModelFiles;
import io.vigil.runtime.analytics.steps.StepColumn;
import io.vigil.runtime.analytics.steps.StepColumns;
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector on an easy synthetic set: 4,950 Gaussian records and 50 planted anomalies. */
class DetectorTest {
  private static final int N = 5000;
  private static final int PLANTED = 50;
  private static final List<String> FEATURES = List.of("f0", "f1", "f2", "f3", "f4", "f5");
  private static SparkSession spark;
  private static Dataset<Row> data;
  private static DetectorModel model;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    data = planted(N, PLANTED, 11).cache();
    model = Detector.of(DetectorSettings.defaults()).fit(data, FEATURES);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Records 0..planted−1 have features k = id mod 6 and k + 1 (mod 6) moved 6σ away; label 1 for them, 0 for the others. */
  static Dataset<Row> planted(int n, int planted, long seed) {
    Dataset<Row> d = spark.range(0, n, 1, 2).toDF("id");
    for (int i = 0; i < FEATURES.size(); i++) {
      Column x = randn(seed + i);
      Column k = col("id").mod(FEATURES.size());
      Column shifted = k.equalTo(i).or(k.plus(1).mod(FEATURES.size()).equalTo(i));
      Column shift = when(col("id").lt(planted).and(shifted), lit(6.0)).otherwise(lit(0.0));
      d = d.withColumn(FEATURES.get(i), x.plus(shift));
    }
    return d.withColumn("label", when(col("id").lt(planted), lit(1)).otherwise(lit(0)));
  }

  private static double auc(Dataset<Row> predicted, String column) {
    List<Row> rows = predicted.select(column, "id").collectAsList();
    double[] s = new double[rows.size()];
    boolean[] p = new boolean[rows.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = rows.get(i).getDouble(0);
      p[i] = rows.get(i).getLong(1) < PLANTED;
    }
    return BinaryMetrics.auc(s, p);
  }

  private static double[] features(Row r) {
    double[] x = new double[FEATURES.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.getDouble(r.fieldIndex(FEATURES.get(i)));
    }
    return x;
  }

  @Test
  void plantedAnomaliesRankOnTopForTheFusedScoreAndEachAlgorithm() {
    Dataset<Row> predicted = model.predict(data).cache();
    assertThat(predicted.columns()).contains("id", "label", "score", "score_iforest", "score_hbos");
    double fused = auc(predicted, "score");
    System.out.printf("planted anomalies: AUC fused %.4f, iforest %.4f, hbos %.4f%n", fused, auc(predicted, "score_iforest"),
        auc(predicted, "score_hbos"));
    assertThat(fused).isGreaterThanOrEqualTo(0.95);
    assertThat(auc(predicted, "score_iforest")).isGreaterThanOrEqualTo(0.95);
    assertThat(auc(predicted, "score_hbos")).isGreaterThanOrEqualTo(0.95);
    assertThat(predicted.where(col("score").lt(0).or(col("score").gt(1)).or(col("score").isNull())).count()).isZero();
    long flaggedPlanted = predicted.where(col("id").lt(PLANTED).and(col("score").geq(0.5))).count();
    long flaggedNormal = predicted.where(col("id").geq(PLANTED).and(col("score").geq(0.5))).count();
    assertThat(flaggedPlanted).isGreaterThanOrEqualTo(PLANTED * 8 / 10);
    assertThat(flaggedNormal).isLessThan((N - PLANTED) / 20);
  }

  @Test
  void featureRatingsCoverTheAnomaliesPlusThePercentileAndSumToTenThousand() {
    Dataset<Row> predicted = model.predict(data);
    long anomalies = predicted.where(col("score").geq(model.fusionThreshold())).count();
    List<Row> rated = model.featureRating(data, "id").collectAsList();
    assertThat((long) rated.size()).isEqualTo(anomalies + Math.round(1.0 * (N - anomalies) / 100));
    double lowestAnomaly = 1.0;
    double highestOther = 0.0;
    int topIsShifted = 0;
    Set<Long> ids = new HashSet<>();
    for (Row r : rated) {
      ids.add(r.getLong(0));
      List<Row> ratings = r.getList(2);
      assertThat(ratings).hasSize(FEATURES.size());
      int sum = 0;
      for (int p = 0; p < ratings.size(); p++) {
        sum += ratings.get(p).getInt(2);
        if (p > 0) {
          assertThat(ratings.get(p).getInt(2)).isLessThanOrEqualTo(ratings.get(p - 1).getInt(2));
        }
        assertThat(ratings.get(p).getString(1)).isEqualTo(FEATURES.get(ratings.get(p).getInt(0)));
      }
      assertThat(sum).isEqualTo(10_000);
      int k = (int) (r.getLong(0) % FEATURES.size());
      int top = ratings.get(0).getInt(0);
      if (r.getLong(0) < PLANTED && (top == k || top == (k + 1) % FEATURES.size())) {
        topIsShifted++;
      }
    }
    // The below-the-line records are the highest-scoring of the rest.
    for (Row r : predicted.select("id", "score").collectAsList()) {
      if (r.getDouble(1) >= model.fusionThreshold()) {
        assertThat(ids).contains(r.getLong(0));
        lowestAnomaly = Math.min(lowestAnomaly, r.getDouble(1));
      } else if (!ids.contains(r.getLong(0))) {
        highestOther = Math.max(highestOther, r.getDouble(1));
      }
    }
    for (Row r : rated) {
      if (r.getDouble(1) < model.fusionThreshold()) {
        assertThat(r.getDouble(1)).isGreaterThanOrEqualTo(highestOther);
      }
    }
    assertThat(topIsShifted).isGreaterThanOrEqualTo(PLANTED * 9 / 10);
  }

  @Test
  void theRatingPercentileSetsHowManyOthersAreRated() {
    DetectorModel five = Detector.of(DetectorSettings.builder().ratingPercentile(5).build()).fit(data, FEATURES);
    DetectorModel none = Detector.of(DetectorSettings.builder().ratingPercentile(0).build()).fit(data, FEATURES);
    long anomalies = five.predict(data).where(col("score").geq(0.5)).count();
    assertThat(five.featureRating(data, "id").count()).isEqualTo(anomalies + Math.round(5.0 * (N - anomalies) / 100));
    assertThat(none.featureRating(data, "id").count()).isEqualTo(none.predict(data).where(col("score").geq(0.5)).count());
    assertThat(RatedSelection.rated(1000, 10, 1.0)).isEqualTo(20);
    assertThat(RatedSelection.rated(60, 10, 1.0)).isEqualTo(11);
    assertThat(RatedSelection.rated(40, 10, 1.0)).isEqualTo(10);
  }

  @Test
  void oneRecordScoresExactlyAsSparkDoes() {
    List<Row> rows = model.predict(data).collectAsList();
    for (Row r : rows) {
      DetectionScore s = model.score(features(r));
      assertThat(s.score()).isEqualTo(r.getDouble(r.fieldIndex("score")));
      assertThat(s.algorithms().get(Algorithm.ISOLATION_FOREST)).isEqualTo(r.getDouble(r.fieldIndex("score_iforest")));
      assertThat(s.algorithms().get(Algorithm.HBOS)).isEqualTo(r.getDouble(r.fieldIndex("score_hbos")));
    }
    Row first = model.featureRating(data, "id").orderBy(col("score").desc()).first();
    Row record = data.where(col("id").equalTo(first.getLong(0))).first();
    FeatureRating one = model.rate(features(record));
    List<Row> ratings = first.getList(2);
    for (int p = 0; p < ratings.size(); p++) {
      assertThat(ratings.get(p).getInt(0)).isEqualTo(one.featureAt(p));
      assertThat(ratings.get(p).getInt(2)).isEqualTo(one.ratingAt(p));
    }
  }

  @Test
  void labelsChooseTheFusionAndMapTheBestThresholdOntoTheFusionThreshold() {
    // Half the planted anomalies are labelled; the rest of the records are unknown (0).
    Dataset<Row> labelled = data.withColumn("y", when(col("id").lt(PLANTED / 2), lit(1)).otherwise(lit(0)));
    DetectorModel semi = Detector.of(DetectorSettings.defaults()).fit(labelled, FEATURES, "y");
    assertThat(semi.tunedThreshold()).isBetween(0.0, 1.0);
    assertThat(semi.weights().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    // New records of the same kind: the planted ones score above the fusion threshold, the others below.
    Dataset<Row> predicted = semi.predict(planted(N, PLANTED, 99));
    assertThat(auc(predicted, "score")).isGreaterThanOrEqualTo(0.95);
    assertThat(predicted.where(col("id").lt(PLANTED).and(col("score").geq(0.5))).count()).isGreaterThanOrEqualTo(PLANTED * 8 / 10);
    assertThat(predicted.where(col("id").geq(PLANTED).and(col("score").geq(0.5))).count()).isLessThan((N - PLANTED) / 20);

    DetectorModel byAuc = Detector.of(DetectorSettings.builder().perfMetric(PerfMetric.AUC).build()).fit(labelled, FEATURES, "y");
    assertThat(byAuc.tunedThreshold()).isNaN();

    assertThatThrownBy(() -> Detector.of(DetectorSettings.defaults()).fit(data.withColumn("y", lit(2)), FEATURES, "y"))
        .isInstanceOf(VigilException.class).hasMessageContaining("values other than 1 (anomaly), 0 (unknown) and -1 (normal)");
    assertThatThrownBy(() -> Detector.of(DetectorSettings.defaults()).fit(data.withColumn("y", lit(0)), FEATURES, "y"))
        .isInstanceOf(VigilException.class).hasMessageContaining("no record of label column 'y' is 1");
  }

  @Test
  void isolationForestBehavesAsLiuEtAlDescribe() {
    // c(256) from the paper's formula, 2H(255) − 2·255/256.
    assertThat(IsolationForest.averagePathLength(256)).isCloseTo(10.2448, org.assertj.core.data.Offset.offset(1e-3));
    SplittableRandom random = new SplittableRandom(5);
    double[][] uniform = new double[4000][3];
    for (double[] row : uniform) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextDouble();
      }
    }
    IsolationForest forest = IsolationForest.grow(uniform, 100, 256, 7, 2);
    assertThat(forest.psi()).isEqualTo(256);
    double mean = 0;
    for (double[] row : uniform) {
      mean += forest.score(row) / uniform.length;
    }
    // No distinct anomaly: scores stay around 0.5 (and below); a far-away record comes close to 1.
    assertThat(mean).isBetween(0.35, 0.55);
    assertThat(forest.score(new double[] {5, 5, 5})).isGreaterThan(0.6).isGreaterThan(forest.score(new double[] {0.5, 0.5, 0.5}) + 0.15);
    assertThat(IsolationForest.grow(uniform, 100, 256, 7, 1)).isEqualTo(forest);

    DetectorModel forestOnly = Detector.of(DetectorSettings.builder().algorithms(Algorithm.ISOLATION_FOREST).build()).fit(data, FEATURES);
    Dataset<Row> predicted = forestOnly.predict(data);
    assertThat(predicted.columns()).doesNotContain("score_hbos");
    assertThat(auc(predicted, "score")).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void nullsAndNaNsAreNeverScoredAsZeroAndEmptyInputIsClear() {
    Dataset<Row> holes = data.withColumn("f2", when(col("id").equalTo(7), lit(Double.NaN)).when(col("id").equalTo(8), lit(null))
        .otherwise(col("f2")));
    Dataset<Row> predicted = model.predict(holes);
    assertThat(predicted.where(col("score").isNull()).select("id").collectAsList()).extracting(r -> r.getLong(0))
        .containsExactlyInAnyOrder(7L, 8L);
    assertThatThrownBy(() -> Detector.of(DetectorSettings.defaults()).fit(holes, FEATURES)).isInstanceOf(VigilException.class)
        .hasMessageContaining("f2 (2)").hasMessageContaining("impute");
    double[] x = features(data.first());
    x[3] = Double.NaN;
    assertThatThrownBy(() -> model.score(x)).isInstanceOf(VigilException.class).hasMessageContaining("feature 'f3' is NaN");
    assertThatThrownBy(() -> Detector.of(DetectorSettings.defaults()).fit(data.limit(0), FEATURES))
        .isInstanceOf(VigilException.class).hasMessageContaining("no records");
    assertThat(model.predict(data.limit(0)).count()).isZero();
    assertThat(model.featureRating(data.limit(0), "id").count()).isZero();
    assertThatThrownBy(() -> model.predict(data.drop("f1"))).isInstanceOf(VigilException.class).hasMessageContaining("'f1'");
  }

  @Test
  void stepColumnsCarryScoresRanksRatingsAndPatterns() {
    Dataset<Row> out = StepColumns.detection(data, model, "ad", 3, "id").cache();
    List<String> expected = new ArrayList<>(List.of(data.columns()));
    StepColumns.detectionColumns("ad", FEATURES, model.algorithms()).stream().map(StepColumn::name).forEach(expected::add);
    assertThat(out.columns()).containsExactlyElementsOf(expected);
    long rated = model.featureRating(data, "id").count();
    assertThat(out.where(col("ad_pattern").isNotNull()).count()).isEqualTo(rated);
    for (Row r : out.where(col("ad_pattern").isNotNull()).collectAsList()) {
      int sum = 0;
      Set<Integer> ranks = new HashSet<>();
      for (String f : FEATURES) {
        sum += r.getInt(r.fieldIndex("ad_" + f + "_rating"));
        ranks.add(r.getInt(r.fieldIndex("ad_" + f + "_rank")));
      }
      assertThat(sum).isEqualTo(10_000);
      assertThat(ranks).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
      String[] pattern = r.getString(r.fieldIndex("ad_pattern")).split("#");
      assertThat(pattern.length).isBetween(1, 3);
      assertThat(r.getInt(r.fieldIndex("ad_" + pattern[0] + "_rank"))).isEqualTo(1);
    }
    Row unrated = out.where(col("ad_pattern").isNull()).first();
    assertThat(unrated.isNullAt(unrated.fieldIndex("ad_f0_rank"))).isTrue();
    assertThat(unrated.isNullAt(unrated.fieldIndex("ad_score"))).isFalse();
  }

  @Test
  void aSavedModelLoadsEqualAndScoresTheSame(@TempDir Path dir) {
    model.save(dir.resolve("ad"));
    DetectorModel loaded = (DetectorModel) ModelFiles.load(dir.resolve("ad"));
    assertThat(loaded).isEqualTo(model);
    assertThat(loaded.kind()).isEqualTo("detector");
    List<Row> a = model.predict(data).orderBy("id").select("score").collectAsList();
    List<Row> b = loaded.predict(data).orderBy("id").select("score").collectAsList();
    assertThat(b).isEqualTo(a);
    assertThatThrownBy(() -> model.save(dir.resolve("ad"))).isInstanceOf(VigilException.class).hasMessageContaining("not empty");
  }
}
