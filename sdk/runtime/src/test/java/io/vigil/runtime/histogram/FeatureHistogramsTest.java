package io.vigil.runtime.histogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.model.ModelRun;
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureHistogramsTest {
  static SparkSession spark;
  static Dataset<Row> df;

  @TempDir Path home;

  @BeforeAll
  static void data() {
    spark = TestSpark.start();
    StructType schema = new StructType()
        .add("amount", DataTypes.DoubleType).add("count", DataTypes.IntegerType).add("constant", DataTypes.LongType)
        .add("country", DataTypes.StringType).add("flag", DataTypes.BooleanType).add("nothing", DataTypes.DoubleType)
        .add("at", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    // amount 0..99 once each, plus a null and a NaN; country: FR x50, DE x30, IT x15, then five of one each.
    for (int i = 0; i < 100; i++) {
      String country = i < 50 ? "FR" : i < 80 ? "DE" : i < 95 ? "IT" : "X" + i;
      rows.add(RowFactory.create((double) i, i % 4, 7L, country, i % 2 == 0, null, new Timestamp(0)));
    }
    rows.add(RowFactory.create(null, null, 7L, null, null, null, new Timestamp(0)));
    rows.add(RowFactory.create(Double.NaN, 1, 7L, "FR", true, Double.NaN, new Timestamp(0)));
    df = spark.createDataFrame(rows, schema);
  }

  @Test
  void numericFeaturesAreBinnedAndCategoricalOnesCountedByValue() {
    Map<String, FeatureHistogram> h = FeatureHistograms.byFeature(FeatureHistograms.compute(df,
        List.of("amount", "count", "constant", "country", "flag", "nothing"), 10, 3));

    NumericHistogram amount = (NumericHistogram) h.get("amount");
    assertThat(amount.rows()).isEqualTo(102);
    assertThat(amount.missing()).isEqualTo(2);
    assertThat(amount.min()).isEqualTo(0.0);
    assertThat(amount.max()).isEqualTo(99.0);
    // Width 9.9: bin k holds 10k..10k+9, and the maximum 99 the last bin.
    assertThat(amount.counts()).containsOnly(10L).hasSize(10);
    assertThat(amount.counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
    assertThat(amount.binOf(99.0)).isEqualTo(9);
    assertThat(amount.countOf(5.0)).isEqualTo(10);
    assertThat(amount.binOf(150)).isEqualTo(-1);

    NumericHistogram count = (NumericHistogram) h.get("count");
    assertThat(count.min()).isEqualTo(0.0);
    assertThat(count.max()).isEqualTo(3.0);
    assertThat(count.counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(101);
    assertThat(count.countOf(1)).isEqualTo(26);

    NumericHistogram constant = (NumericHistogram) h.get("constant");
    assertThat(constant.counts().get(0)).isEqualTo(102);
    assertThat(constant.counts().subList(1, 10)).containsOnly(0L);

    CategoricalHistogram country = (CategoricalHistogram) h.get("country");
    assertThat(country.counts()).containsExactly(Map.entry("FR", 51L), Map.entry("DE", 30L), Map.entry("IT", 15L));
    assertThat(country.other()).isEqualTo(5);
    assertThat(country.missing()).isEqualTo(1);

    CategoricalHistogram flag = (CategoricalHistogram) h.get("flag");
    assertThat(flag.counts()).containsExactly(Map.entry("true", 51L), Map.entry("false", 50L));

    NumericHistogram nothing = (NumericHistogram) h.get("nothing");
    assertThat(nothing.missing()).isEqualTo(102);
    assertThat(nothing.counts()).isEmpty();
    assertThat(nothing.min()).isNaN();
  }

  @Test
  void histogramsRoundTripThroughARunOfTheRegistry() {
    LocalModelRegistry registry = LocalModelRegistry.under(home);
    ModelRun run = registry.startRun("aml.training", "histograms", Map.of());
    List<FeatureHistogram> computed = FeatureHistograms.compute(df, List.of("amount", "country"));

    HistogramArtifacts.save(registry, run.runId(), computed);

    assertThat(registry.hasArtifacts(run.runId(), "histograms/amount.json")).isTrue();
    assertThat(HistogramArtifacts.load(registry, run.runId())).isEqualTo(FeatureHistograms.byFeature(computed));
  }

  @Test
  void aMissingOrUnsupportedFeatureIsRefusedByName() {
    assertThatThrownBy(() -> FeatureHistograms.compute(df, List.of("amount", "nope")))
        .isInstanceOf(VigilException.class).hasMessageStartingWith("Cannot compute the histogram of nope: the dataset has no such column");
    assertThatThrownBy(() -> FeatureHistograms.compute(df, List.of("at")))
        .isInstanceOf(VigilException.class).hasMessageContaining("of at: its type timestamp");
  }
}
