package io.vigil.runtime.histogram;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Computes feature histograms of a Spark dataset in two jobs whatever the number of features: one
 * aggregation for the row count and the numeric ranges, then one grouping of every (feature, bin or
 * value) pair, with the rare categorical values folded inside Spark. Only the counts reach the driver.
 *
 * <p>Numeric columns are binned (see {@link NumericHistogram}); string, boolean and date columns are
 * counted by value. Other types are refused.
 */
public final class FeatureHistograms {
  public static final int DEFAULT_BINS = 20;
  public static final int DEFAULT_MAX_VALUES = 100;

  private FeatureHistograms() {}

  /** {@link #compute(Dataset, List, int, int)} with 20 bins and the 100 most frequent values. */
  public static List<FeatureHistogram> compute(Dataset<Row> df, List<String> features) {
    return compute(df, features, DEFAULT_BINS, DEFAULT_MAX_VALUES);
  }

  /**
   * The histograms of {@code features}, in that order.
   *
   * @param bins the bins of a numeric feature, at least 1
   * @param maxValues the values of a categorical feature kept apart, at least 1; the rest count as other
   * @throws VigilException INVALID_ARGUMENT for a feature that is missing or of an unsupported type
   */
  public static List<FeatureHistogram> compute(Dataset<Row> df, List<String> features, int bins, int maxValues) {
    if (bins < 1 || maxValues < 1) {
      throw new IllegalArgumentException("bins and maxValues must be at least 1: " + bins + ", " + maxValues);
    }
    List<String> names = List.copyOf(new LinkedHashSet<>(features));
    if (names.isEmpty()) {
      throw RuntimeErrors.histogramWithoutFeatures();
    }
    Map<String, Boolean> numeric = new LinkedHashMap<>();
    for (String f : names) {
      numeric.put(f, isNumeric(df, f));
    }

    // Job 1: rows, and min/max of each numeric feature without NaN.
    List<Column> aggregates = new ArrayList<>(List.of(count(lit(1))));
    numeric.forEach((f, isNum) -> {
      if (isNum) {
        aggregates.add(min(clean(df, f)));
        aggregates.add(max(clean(df, f)));
      }
    });
    Row totals = df.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
    long rows = totals.getLong(0);
    Map<String, double[]> ranges = new HashMap<>();
    int i = 1;
    for (String f : names) {
      if (numeric.get(f)) {
        ranges.put(f, totals.isNullAt(i) ? null : new double[] {totals.getDouble(i), totals.getDouble(i + 1)});
        i += 2;
      }
    }

    // Job 2: one (feature, bin, value) row per input row and feature, grouped; rare values folded.
    List<Column> cells = new ArrayList<>();
    for (String f : names) {
      Column bin;
      Column value;
      if (numeric.get(f)) {
        double[] range = ranges.get(f);
        Column x = clean(df, f);
        bin = range == null ? lit(null)
            : range[0] == range[1] ? when(x.isNotNull(), lit(0))
            // least() skips nulls, so a missing value must stay null outside it.
            : when(x.isNotNull(), least(floor(x.minus(range[0]).divide(range[1] - range[0]).multiply(bins)), lit(bins - 1)));
        value = lit(null);
      } else {
        bin = lit(null);
        value = df.col(quoted(f)).cast("string");
      }
      cells.add(struct(lit(f).as("feature"), bin.cast("int").as("bin"), value.cast("string").as("value")));
    }
    Dataset<Row> counts = df.select(explode(array(cells.toArray(Column[]::new))).as("h"))
        .select("h.feature", "h.bin", "h.value").groupBy("feature", "bin", "value").agg(count(lit(1)).as("n"));
    Column categorical = col("value").isNotNull();
    Column rank = row_number().over(Window.partitionBy(col("feature"), categorical)
        .orderBy(col("n").desc(), col("value").asc()));
    Column folded = categorical.and(col("rank").gt(maxValues));
    List<Row> result = counts.withColumn("rank", rank)
        .select(col("feature"), col("bin"), when(folded, lit(null)).otherwise(col("value")).as("value"),
            folded.as("other"), col("n"))
        .groupBy("feature", "bin", "value", "other").agg(sum("n").as("n"))
        .collectAsList();

    return assemble(names, numeric, ranges, rows, bins, result);
  }

  private static List<FeatureHistogram> assemble(List<String> names, Map<String, Boolean> numeric,
      Map<String, double[]> ranges, long rows, int bins, List<Row> result) {
    Map<String, long[]> binCounts = new HashMap<>();
    Map<String, List<Map.Entry<String, Long>>> valueCounts = new HashMap<>();
    Map<String, Long> missing = new HashMap<>();
    Map<String, Long> other = new HashMap<>();
    for (Row r : result) {
      String f = r.getString(0);
      long n = r.getLong(4);
      if (r.getBoolean(3)) {
        other.merge(f, n, Long::sum);
      } else if (!r.isNullAt(1)) {
        binCounts.computeIfAbsent(f, k -> new long[bins])[r.getInt(1)] += n;
      } else if (!r.isNullAt(2)) {
        valueCounts.computeIfAbsent(f, k -> new ArrayList<>()).add(Map.entry(r.getString(2), n));
      } else {
        missing.merge(f, n, Long::sum);
      }
    }
    List<FeatureHistogram> out = new ArrayList<>();
    for (String f : names) {
      long absent = missing.getOrDefault(f, 0L);
      if (numeric.get(f)) {
        double[] range = ranges.get(f);
        List<Long> list = new ArrayList<>();
        if (range != null) {
          Arrays.stream(binCounts.getOrDefault(f, new long[bins])).forEach(list::add);
        }
        out.add(new NumericHistogram(f, rows, absent, range == null ? Double.NaN : range[0],
            range == null ? Double.NaN : range[1], list));
      } else {
        Map<String, Long> byValue = new LinkedHashMap<>();
        valueCounts.getOrDefault(f, List.of()).stream()
            .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey))
            .forEach(e -> byValue.put(e.getKey(), e.getValue()));
        out.add(new CategoricalHistogram(f, rows, absent, byValue, other.getOrDefault(f, 0L)));
      }
    }
    return out;
  }

  /** The feature as double, NaN turned into null (only float and double columns hold NaN). */
  private static Column clean(Dataset<Row> df, String f) {
    Column x = df.col(quoted(f)).cast("double");
    DataType type = df.schema().apply(f).dataType();
    return type instanceof DoubleType || type instanceof FloatType ? when(isnan(x), lit(null)).otherwise(x) : x;
  }

  private static boolean isNumeric(Dataset<Row> df, String f) {
    StructField field = Arrays.stream(df.schema().fields()).filter(s -> s.name().equals(f)).findFirst().orElseThrow(() ->
        RuntimeErrors.histogramColumnMissing(f, List.of(df.columns())));
    DataType type = field.dataType();
    if (type instanceof NumericType) {
      return true;
    }
    if (type instanceof StringType || type instanceof BooleanType || type instanceof DateType) {
      return false;
    }
    throw RuntimeErrors.histogramTypeUnsupported(f, type.simpleString());
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** For callers that want the histograms by feature. */
  public static Map<String, FeatureHistogram> byFeature(List<FeatureHistogram> histograms) {
    Map<String, FeatureHistogram> out = new TreeMap<>();
    histograms.forEach(h -> out.put(h.feature(), h));
    return out;
  }
}
