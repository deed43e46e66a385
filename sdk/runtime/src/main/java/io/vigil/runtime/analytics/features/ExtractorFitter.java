package io.vigil.runtime.analytics.features;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.vigil.runtime.analytics.Columns;
import io.vigil.runtime.errors.RuntimeErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Fits the transformers of one extractor: one aggregation for means and medians, one grouping per kind of counting. */
final class ExtractorFitter {
  /** A learnt mapping larger than this is refused: such a field is an identifier, not a category. */
  static final int MAX_LEARNT_CATEGORIES = 10_000;
  private static final String VERB = "fit features extractor";

  private final FeaturesExtractor extractor;
  private final Dataset<Row> data;

  ExtractorFitter(FeaturesExtractor extractor, Dataset<Row> data) {
    this.extractor = extractor;
    this.data = data;
  }

  List<FittedFeature> fit() {
    StructType schema = data.schema();
    List<String> averaged = new ArrayList<>();
    List<String> medians = new ArrayList<>();
    List<String> numericModes = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    java.util.Set<String> learnt = new java.util.HashSet<>();
    for (FeaturesTransformer t : extractor.transformers()) {
      for (String f : t.features()) {
        StructField field = field(schema, f);
        if (t instanceof NumericFeaturesTransformer) {
          new FittedFeature.Numeric(f, 0).check(field.dataType(), VERB);
          switch (t.strategy()) {
            case MEAN -> averaged.add(f);
            case MEDIAN -> medians.add(f);
            case MOST_FREQUENT -> numericModes.add(f);
            case CONSTANT -> { }
          }
        } else {
          new FittedFeature.Categoric(f, Map.of(), 0, 0).check(field.dataType(), VERB);
          CategoricFeaturesTransformer c = (CategoricFeaturesTransformer) t;
          if (!c.mappings().containsKey(f)) {
            categories.add(f);
            learnt.add(f);
          } else if (c.strategy() == ImputationStrategy.MOST_FREQUENT) {
            categories.add(f);
          }
        }
      }
    }
    Map<String, Double> centre = centres(averaged, medians);
    Map<String, Double> modes = numericModes(numericModes);
    Map<String, List<String>> valuesByFrequency = categoriesByFrequency(categories, learnt);

    List<FittedFeature> fitted = new ArrayList<>();
    for (FeaturesTransformer t : extractor.transformers()) {
      for (String f : t.features()) {
        if (t instanceof NumericFeaturesTransformer n) {
          Double fill = switch (n.strategy()) {
            case CONSTANT -> n.fillValue() == null ? 0.0 : n.fillValue();
            case MEAN, MEDIAN -> centre.get(f);
            case MOST_FREQUENT -> modes.get(f);
          };
          if (fill == null) {
            fill = n.fillValue();
          }
          if (fill == null) {
            throw RuntimeErrors.fitFillUnavailable(VERB, f, n.strategy().name().toLowerCase());
          }
          fitted.add(new FittedFeature.Numeric(f, fill));
        } else {
          fitted.add(categoric((CategoricFeaturesTransformer) t, f, valuesByFrequency.get(f)));
        }
      }
    }
    return fitted;
  }

  private static FittedFeature categoric(CategoricFeaturesTransformer t, String f, List<String> counted) {
    List<String> byFrequency = counted == null ? List.of() : counted;
    CategoryMapping given = t.mappings().get(f);
    Map<String, Double> codes = new TreeMap<>();
    if (given != null) {
      codes.putAll(given.codes());
    } else {
      for (int i = 0; i < byFrequency.size(); i++) {
        codes.put(byFrequency.get(i), (double) (i + 1));
      }
    }
    double missing;
    if (given != null && given.missing() != null) {
      missing = given.missing();
    } else if (t.strategy() == ImputationStrategy.MOST_FREQUENT && !byFrequency.isEmpty()) {
      missing = codes.getOrDefault(byFrequency.get(0), t.fillValue());
    } else {
      missing = t.fillValue();
    }
    return new FittedFeature.Categoric(f, codes, missing, t.fillValue());
  }

  private static StructField field(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw RuntimeErrors.trainingColumnNotFound(VERB, name, List.of(schema.fieldNames()));
  }

  private static Column present(String f) {
    Column x = Columns.col(f).cast("double");
    return when(Columns.missing(x).equalTo(lit(false)), x);
  }

  /** Means and exact medians (Spark's {@code percentile}, which interpolates: the middle pair's mean). */
  private Map<String, Double> centres(List<String> averaged, List<String> medians) {
    Map<String, Double> out = new HashMap<>();
    List<Column> aggs = new ArrayList<>();
    for (String f : averaged) {
      aggs.add(avg(present(f)));
    }
    for (int i = 0; i < medians.size(); i++) {
      aggs.add(expr("percentile(" + Columns.quote("m" + i) + ", 0.5)"));
    }
    if (aggs.isEmpty()) {
      return out;
    }
    Dataset<Row> input = data;
    for (int i = 0; i < medians.size(); i++) {
      input = input.withColumn("m" + i, present(medians.get(i)));
    }
    Row row = input.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    int k = 0;
    for (String f : averaged) {
      out.put(f, row.isNullAt(k) ? null : row.getDouble(k));
      k++;
    }
    for (String f : medians) {
      out.put(f, row.isNullAt(k) ? null : ((Number) row.get(k)).doubleValue());
      k++;
    }
    return out;
  }

  /** The most frequent present value of each field, the smallest on a tie. */
  private Map<String, Double> numericModes(List<String> fields) {
    Map<String, Double> out = new HashMap<>();
    if (fields.isEmpty()) {
      return out;
    }
    Column[] values = fields.stream().map(ExtractorFitter::present).toArray(Column[]::new);
    Dataset<Row> counts = data.select(posexplode(array(values)).as(new String[] {"pos", "value"}))
        .where(col("value").isNotNull()).groupBy("pos", "value").agg(count(lit(1)).as("n"));
    Dataset<Row> top = counts.withColumn("r", row_number().over(Window.partitionBy("pos").orderBy(col("n").desc(), col("value").asc())))
        .where(col("r").equalTo(1));
    for (Row r : top.collectAsList()) {
      out.put(fields.get(r.getInt(0)), r.getDouble(1));
    }
    return out;
  }

  /** The present values of each categorical field by decreasing frequency, ties by value. */
  private Map<String, List<String>> categoriesByFrequency(List<String> fields, java.util.Set<String> learnt) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    fields.forEach(f -> out.put(f, new ArrayList<>()));
    if (fields.isEmpty()) {
      return out;
    }
    Column[] values = fields.stream().map(f -> Columns.col(f).cast("string")).toArray(Column[]::new);
    Dataset<Row> counts = data.select(posexplode(array(values)).as(new String[] {"pos", "value"}))
        .where(col("value").isNotNull()).groupBy("pos", "value").agg(count(lit(1)).as("n"));
    for (Row r : counts.groupBy("pos").count().where(col("count").gt(MAX_LEARNT_CATEGORIES)).collectAsList()) {
      if (!learnt.contains(fields.get(r.getInt(0)))) {
        continue;
      }
      throw RuntimeErrors.fitCategoriesTooMany(VERB, fields.get(r.getInt(0)), r.getLong(1), MAX_LEARNT_CATEGORIES);
    }
    for (Row r : counts.orderBy(col("pos"), col("n").desc(), col("value").asc()).collectAsList()) {
      out.get(fields.get(r.getInt(0))).add(r.getString(1));
    }
    return out;
  }
}
