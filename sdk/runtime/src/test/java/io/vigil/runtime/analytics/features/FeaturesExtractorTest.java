package io.vigil.runtime.analytics.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.runtime.analytics.steps.ModelFiles;
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** The guide's imputation and encoding rules (S1 §5.1), on Spark and one record at a time. */
class FeaturesExtractorTest {
  private static final double NAN = Double.NaN;
  private static SparkSession spark;
  private static Dataset<Row> data;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("a", DataTypes.DoubleType)
        .add("b", DataTypes.LongType).add("c", DataTypes.StringType).add("d", DataTypes.StringType)
        .add("e", DataTypes.IntegerType);
    data = spark.createDataFrame(List.of(
        RowFactory.create(1, 1.0, 3L, "b", "x", 5),
        RowFactory.create(2, 2.0, 3L, "a", "y", 1),
        RowFactory.create(3, null, 1L, "b", null, 3),
        RowFactory.create(4, 4.0, 1L, "a", "x", null),
        RowFactory.create(5, NAN, 2L, "c", "w", 5),
        RowFactory.create(6, 10.0, null, null, "y", 1)), schema);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Map<Integer, double[]> byId(Dataset<Row> transformed, List<String> names) {
    Map<Integer, double[]> out = new HashMap<>();
    for (Row r : transformed.collectAsList()) {
      double[] v = new double[names.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.getDouble(r.fieldIndex(names.get(i)));
      }
      out.put(r.getInt(r.fieldIndex("id")), v);
    }
    return out;
  }

  private static double fill(ImputationStrategy strategy, String column) {
    return FeaturesExtractor.of(NumericFeaturesTransformer.of(strategy, column)).fit(data).missingValue(column);
  }

  @Test
  void meanAndMedianIgnoreNullsAndNaNs() {
    // a's present values are 1, 2, 4 and 10.
    assertThat(fill(ImputationStrategy.MEAN, "a")).isEqualTo(4.25);
    assertThat(fill(ImputationStrategy.MEDIAN, "a")).isEqualTo(3.0);
    // b's are 3, 3, 1, 1, 2: the median of an odd count is the middle value.
    assertThat(fill(ImputationStrategy.MEDIAN, "b")).isEqualTo(2.0);
    assertThat(fill(ImputationStrategy.MEAN, "b")).isEqualTo(2.0);
  }

  @Test
  void mostFrequentTakesTheSmallestOfTiedValues() {
    // b: 3 and 1 both appear twice.
    assertThat(fill(ImputationStrategy.MOST_FREQUENT, "b")).isEqualTo(1.0);
    // a: 1, 2, 4 and 10 once each.
    assertThat(fill(ImputationStrategy.MOST_FREQUENT, "a")).isEqualTo(1.0);
  }

  @Test
  void constantFillsMissingValuesAndDefaultsToZero() {
    FeaturesExtractorModel model = FeaturesExtractor.of(
        NumericFeaturesTransformer.of(ImputationStrategy.CONSTANT, "a").withFillValue(-1)).fit(data);
    Map<Integer, double[]> a = byId(model.transform(data), List.of("a"));
    assertThat(a.get(3)).containsExactly(-1.0);
    assertThat(a.get(5)).containsExactly(-1.0);
    assertThat(a.get(6)).containsExactly(10.0);
    assertThat(fill(ImputationStrategy.CONSTANT, "b")).isEqualTo(0.0);
  }

  @Test
  void learntCategoriesAreNumberedByFrequencyThenValue() {
    FeaturesExtractorModel model = FeaturesExtractor.of(CategoricFeaturesTransformer.of(ImputationStrategy.MOST_FREQUENT, "c", "e")
        .withFillValue(-7)).fit(data);
    // c: a ×2, b ×2, c ×1 → a=1, b=2, c=3; e (integers as text): 1 ×2, 5 ×2, 3 ×1.
    assertThat(model.categories("c")).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1.0, "b", 2.0, "c", 3.0));
    assertThat(model.categories("e")).containsExactlyInAnyOrderEntriesOf(Map.of("1", 1.0, "5", 2.0, "3", 3.0));
    Map<Integer, double[]> v = byId(model.transform(data), List.of("c", "e"));
    assertThat(v.get(1)).containsExactly(2.0, 2.0);
    // Missing: the most frequent value, the smallest on a tie ("a", and 1).
    assertThat(v.get(6)).containsExactly(1.0, 1.0);
    assertThat(v.get(4)).containsExactly(1.0, 1.0);
    assertThat(model.extract(Map.of("c", "never-seen", "e", 99))).containsExactly(-7.0, -7.0);
  }

  @Test
  void aGivenMappingNumbersMissingByItsNullKeyAndUnseenByTheFillValue() {
    Map<String, Integer> mapping = new HashMap<>();
    mapping.put(null, 0);
    mapping.put("x", 1);
    mapping.put("y", 2);
    FeaturesExtractorModel model = FeaturesExtractor.of(CategoricFeaturesTransformer.of(ImputationStrategy.CONSTANT, "d")
        .withMapping("d", CategoryMapping.of(mapping)).withFillValue(9)).fit(data);
    Map<Integer, double[]> v = byId(model.transform(data), List.of("d"));
    assertThat(v.get(1)).containsExactly(1.0);
    assertThat(v.get(2)).containsExactly(2.0);
    assertThat(v.get(3)).containsExactly(0.0);
    assertThat(v.get(5)).containsExactly(9.0);

    FeaturesExtractorModel constant = FeaturesExtractor.of(CategoricFeaturesTransformer.of(ImputationStrategy.CONSTANT, "d")
        .withFillValue(-1)).fit(data);
    assertThat(byId(constant.transform(data), List.of("d")).get(3)).containsExactly(-1.0);
  }

  @Test
  void extractGivesExactlyWhatTransformGivesAndSurvivesSaveAndLoad(@TempDir Path dir) {
    FeaturesExtractor extractor = FeaturesExtractor.of(
        NumericFeaturesTransformer.of(ImputationStrategy.MEDIAN, "a", "b"),
        CategoricFeaturesTransformer.of(ImputationStrategy.MOST_FREQUENT, "c", "d", "e"));
    FeaturesExtractorModel model = extractor.fit(data);
    assertThat(model.featureNames()).containsExactly("a", "b", "c", "d", "e");
    Dataset<Row> transformed = model.transform(data);
    assertThat(transformed.columns()).containsExactly(data.columns());
    model.save(dir.resolve("fe"));
    FeaturesExtractorModel loaded = (FeaturesExtractorModel) ModelFiles.load(dir.resolve("fe"));
    assertThat(loaded).isEqualTo(model);
    Map<Integer, double[]> expected = byId(transformed, model.featureNames());
    for (Row r : data.collectAsList()) {
      Map<String, Object> record = new HashMap<>();
      for (String f : model.featureNames()) {
        record.put(f, r.get(r.fieldIndex(f)));
      }
      double[] want = expected.get(r.getInt(0));
      assertThat(model.extract(record)).as("record %s", r).containsExactly(want);
      assertThat(loaded.extract(record)).containsExactly(want);
    }
    for (double[] v : expected.values()) {
      for (double x : v) {
        assertThat(Double.isFinite(x)).isTrue();
      }
    }
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> FeaturesExtractor.of(NumericFeaturesTransformer.of(ImputationStrategy.MEAN, "c")).fit(data))
        .isInstanceOf(VigilException.class).hasMessageContaining("column 'c' is string");
    assertThatThrownBy(() -> FeaturesExtractor.of(NumericFeaturesTransformer.of(ImputationStrategy.MEAN, "nope")).fit(data))
        .isInstanceOf(VigilException.class).satisfies(e -> assertThat(((VigilException) e).code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("no column 'nope'");
    Dataset<Row> empty = data.limit(0);
    assertThatThrownBy(() -> FeaturesExtractor.of(NumericFeaturesTransformer.of(ImputationStrategy.MEDIAN, "a")).fit(empty))
        .isInstanceOf(VigilException.class).hasMessageContaining("numeric feature 'a' has no value in the training data");
    FeaturesExtractorModel withFill = FeaturesExtractor.of(NumericFeaturesTransformer.of(ImputationStrategy.MEDIAN, "a")
        .withFillValue(5), CategoricFeaturesTransformer.of(ImputationStrategy.MOST_FREQUENT, "c")).fit(empty);
    assertThat(withFill.transform(empty).count()).isZero();
    assertThat(withFill.extract(Map.of())).containsExactly(5.0, 0.0);
    assertThatThrownBy(() -> withFill.extract(Map.of("a", "12"))).isInstanceOf(VigilException.class)
        .hasMessageContaining("feature 'a'").hasMessageContaining("expected a number");
    assertThatThrownBy(() -> FeaturesExtractor.of(NumericFeaturesTransformer.of(ImputationStrategy.MEAN, "a"),
        CategoricFeaturesTransformer.of(ImputationStrategy.CONSTANT, "a"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' is in two transformers");
  }
}
