package io.vigil.runtime.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.runtime.analytics.classify.Classifier;
import io.vigil.runtime.analytics.classify.ClassifierAlgorithm;
import io.vigil.runtime.analytics.classify.ClassifierModel;
import io.vigil.runtime.analytics.classify.ClassifierSettings;
import io.vigil.runtime.analytics.detect.Detector;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.detect.DetectorSettings;
import io.vigil.runtime.analytics.features.CategoricFeaturesTransformer;
import io.vigil.runtime.analytics.features.FeaturesExtractor;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.analytics.features.ImputationStrategy;
import io.vigil.runtime.analytics.features.NumericFeaturesTransformer;
import io.vigil.runtime.analytics.steps.ModelFiles;
import io.vigil.runtime.testing.TestSpark;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models saved in this JVM are loaded by a fresh JVM, without Spark, and give identical scores. */
class ModelPersistenceTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Raw records with nulls, NaNs and a category unseen in training. */
  private static Dataset<Row> records(long seed, long n) {
    return spark.range(0, n, 1, 2).toDF("id")
        .withColumn("amount", when(col("id").mod(17).equalTo(0), lit(null)).when(col("id").mod(23).equalTo(0), lit(Double.NaN))
            .otherwise(randn(seed).multiply(100).plus(500).plus(when(col("id").lt(10), lit(2000)).otherwise(lit(0)))))
        .withColumn("items", when(col("id").mod(19).equalTo(0), lit(null)).otherwise(rand(seed + 1).multiply(10).cast("int")))
        .withColumn("channel", when(col("id").mod(13).equalTo(0), lit(null)).when(col("id").mod(5).equalTo(0), lit("atm"))
            .when(col("id").mod(3).equalTo(0), lit("web")).when(col("id").equalTo(n - 1), lit("unseen")).otherwise(lit("branch")))
        .withColumn("risk", when(col("amount").gt(520).or(col("channel").equalTo("web")), lit(2)).otherwise(lit(1)));
  }

  @Test
  void aFreshJvmLoadsTheModelsWithoutSparkAndScoresIdentically(@TempDir Path dir) throws Exception {
    Dataset<Row> training = records(1, 3000);
    FeaturesExtractorModel extractor = FeaturesExtractor.of(NumericFeaturesTransformer.of(ImputationStrategy.MEDIAN, "amount", "items"),
        CategoricFeaturesTransformer.of(ImputationStrategy.MOST_FREQUENT, "channel").withFillValue(-1)).fit(training);
    Dataset<Row> features = extractor.transform(training);
    DetectorModel detector = Detector.of(DetectorSettings.defaults()).fit(features, extractor.featureNames());
    ClassifierModel classifier = Classifier.of(ClassifierSettings.of(new ClassifierAlgorithm.GradientBoostedTrees(20, 3, 0.1, 0.8)))
        .fit(features, extractor.featureNames(), "risk");
    extractor.save(dir.resolve("models/fe"));
    detector.save(dir.resolve("models/ad"));
    classifier.save(dir.resolve("models/cl"));

    Dataset<Row> scoring = records(2, 400);
    List<String> input = new ArrayList<>();
    for (Row r : scoring.orderBy("id").collectAsList()) {
      input.add(r.getLong(0) + "\t" + (r.isNullAt(1) ? "" : Double.toString(r.getDouble(1))) + "\t"
          + (r.isNullAt(2) ? "" : Integer.toString(r.getInt(2))) + "\t" + (r.isNullAt(3) ? "" : r.getString(3)));
    }
    Files.write(dir.resolve("records.tsv"), input);

    // The same records through Spark in this JVM.
    Dataset<Row> transformed = extractor.transform(scoring);
    Dataset<Row> predicted = classifier.predict(detector.predict(transformed))
        .withColumn("r", detector.ratingsColumn(transformed)).orderBy("id");
    List<String> expected = new ArrayList<>();
    for (Row r : predicted.collectAsList()) {
      List<Row> ratings = r.getList(r.fieldIndex("r"));
      int[] pairs = new int[2 * ratings.size()];
      for (int p = 0; p < ratings.size(); p++) {
        pairs[2 * p] = ratings.get(p).getInt(0);
        pairs[2 * p + 1] = ratings.get(p).getInt(2);
      }
      expected.add(String.join("\t", Long.toString(r.getLong(0)), Double.toString(r.getDouble(r.fieldIndex("score"))),
          Double.toString(r.getDouble(r.fieldIndex("score_iforest"))), Double.toString(r.getDouble(r.fieldIndex("score_hbos"))),
          Arrays.toString(pairs), Arrays.toString(new double[] {r.getDouble(r.fieldIndex("probability_1")),
              r.getDouble(r.fieldIndex("probability_2"))})));
    }

    // No Spark flags: a SparkSession could not even start in this child on Java 17.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), FreshJvmScorer.class.getName(),
        dir.resolve("models").toString(), dir.resolve("records.tsv").toString(), dir.resolve("scores.tsv").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
    List<String> scores = Files.readAllLines(dir.resolve("scores.tsv"));
    assertThat(scores).hasSize(400).containsExactlyElementsOf(expected);
    assertThat(new File(dir.resolve("models/ad").toString()).list()).containsExactlyInAnyOrder("model.json", "detector.json", "forest.bin");
  }

  @Test
  void loadNamesWhatIsWrongWithAFolder(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ModelFiles.load(dir)).isInstanceOf(VigilException.class).hasMessageContaining("model.json is missing");
    Files.writeString(dir.resolve("model.json"), "{\"kind\": \"gbm\", \"format\": 1}");
    assertThatThrownBy(() -> ModelFiles.load(dir)).isInstanceOf(VigilException.class).hasMessageContaining("unknown kind 'gbm'");
    Files.writeString(dir.resolve("model.json"), "{\"kind\": \"detector\", \"format\": 1}");
    assertThatThrownBy(() -> ModelFiles.load(dir)).isInstanceOf(VigilException.class).hasMessageContaining("detector.json is missing");
    assertThatThrownBy(() -> FeaturesExtractorModel.load(dir)).isInstanceOf(VigilException.class)
        .hasMessageContaining("the folder holds a detector model");
  }
}
