package io.vigil.runtime.analytics.steps;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.vigil.runtime.analytics.Columns;
import io.vigil.runtime.analytics.classify.ClassifierModel;
import io.vigil.runtime.analytics.detect.Algorithm;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.errors.RuntimeErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The columns of the evaluated activities (S1 §6.2, §7.4.2), as one definition: {@code …Columns} list
 * them (names and types, e.g. for the CDD tables), and {@link #detection}/{@link #classification} add
 * exactly those columns to a Dataset of features.
 */
public final class StepColumns {
  private StepColumns() {}

  /**
   * An algo step's columns: {@code <step>_score}, {@code <step>_<algorithm>_score} per fused algorithm,
   * then per field {@code <step>_<field>_rank} and {@code <step>_<field>_rating}, then {@code <step>_pattern}.
   */
  public static List<StepColumn> detectionColumns(String step, List<String> fields, List<Algorithm> algorithms) {
    List<StepColumn> out = new ArrayList<>();
    out.add(new StepColumn(step + "_score", DataTypes.DoubleType));
    for (Algorithm a : algorithms) {
      out.add(new StepColumn(step + "_" + a.id() + "_score", DataTypes.DoubleType));
    }
    perField(step, fields, out);
    return out;
  }

  /**
   * A classifier step's columns: {@code <step>_classification} (the class label), {@code <step>_<label>_score}
   * per class (label in lower case), then the rank, rating and pattern columns as for an algo step.
   */
  public static List<StepColumn> classificationColumns(String step, List<String> fields, Map<Integer, String> labels, int classes) {
    List<StepColumn> out = new ArrayList<>();
    out.add(new StepColumn(step + "_classification", DataTypes.StringType));
    for (int c = 1; c <= classes; c++) {
      out.add(new StepColumn(step + "_" + label(labels, c, step).toLowerCase(Locale.ROOT) + "_score", DataTypes.DoubleType));
    }
    perField(step, fields, out);
    return out;
  }

  private static void perField(String step, List<String> fields, List<StepColumn> out) {
    for (String f : fields) {
      out.add(new StepColumn(step + "_" + f + "_rank", DataTypes.IntegerType));
      out.add(new StepColumn(step + "_" + f + "_rating", DataTypes.IntegerType));
    }
    out.add(new StepColumn(step + "_pattern", DataTypes.StringType));
  }

  /**
   * {@code features} with the columns of {@link #detectionColumns}. Ranks, ratings and the pattern are set
   * for the rated records (the anomalies plus the rating percentile of the rest, ties by
   * {@code keyColumn}) and null for the others; a record with a missing feature gets null everywhere.
   * {@code features} has the model's feature columns, as a features extractor's transform gives them.
   */
  public static Dataset<Row> detection(Dataset<Row> features, DetectorModel model, String step, int patternLength, String keyColumn) {
    checkPatternLength(patternLength, step);
    Dataset<Row> predicted = model.predict(features);
    Column rated = model.ratedCondition(predicted, keyColumn);
    Column explanation = when(rated, model.explanationColumn(predicted, patternLength));
    Dataset<Row> out = predicted.withColumn(step + "_score", functions.col(DetectorModel.SCORE));
    for (Algorithm a : model.algorithms()) {
      out = out.withColumn(step + "_" + a.id() + "_score", functions.col(DetectorModel.scoreColumn(a)));
    }
    out = out.withColumn("__vigil_x", explanation);
    out = explain(out, step, model.featureNames());
    List<String> drop = new ArrayList<>(List.of(DetectorModel.SCORE, "__vigil_x"));
    model.algorithms().forEach(a -> drop.add(DetectorModel.scoreColumn(a)));
    return out.drop(drop.toArray(String[]::new));
  }

  /**
   * {@code features} with the columns of {@link #classificationColumns}: the predicted class's label, each
   * class's probability, and the ranks, ratings and pattern towards the predicted class for every record.
   * {@code labels} names classes 1..N (e.g. {1: "L", 2: "M", 3: "H", 4: "VH"}).
   */
  public static Dataset<Row> classification(Dataset<Row> features, ClassifierModel model, String step, Map<Integer, String> labels,
      int patternLength) {
    checkPatternLength(patternLength, step);
    Dataset<Row> predicted = model.predict(features);
    List<Column> kv = new ArrayList<>();
    for (int c = 1; c <= model.classes(); c++) {
      kv.add(lit(c));
      kv.add(lit(label(labels, c, step)));
    }
    Column cls = functions.col(ClassifierModel.CLASSIFICATION);
    Dataset<Row> out = predicted.withColumn(step + "_classification", functions.element_at(functions.map(kv.toArray(Column[]::new)), cls));
    for (int c = 1; c <= model.classes(); c++) {
      out = out.withColumn(step + "_" + label(labels, c, step).toLowerCase(Locale.ROOT) + "_score",
          functions.col(ClassifierModel.probabilityColumn(c)));
    }
    out = out.withColumn("__vigil_x", model.explanationColumn(predicted, cls, patternLength));
    out = explain(out, step, model.featureNames());
    List<String> drop = new ArrayList<>(List.of(ClassifierModel.CLASSIFICATION, "__vigil_x"));
    for (int c = 1; c <= model.classes(); c++) {
      drop.add(ClassifierModel.probabilityColumn(c));
    }
    return out.drop(drop.toArray(String[]::new));
  }

  private static Dataset<Row> explain(Dataset<Row> out, String step, List<String> fields) {
    Column x = functions.col("__vigil_x");
    for (int i = 0; i < fields.size(); i++) {
      out = out.withColumn(step + "_" + fields.get(i) + "_rank", x.getField("ranks").getItem(i))
          .withColumn(step + "_" + fields.get(i) + "_rating", x.getField("ratings").getItem(i));
    }
    return out.withColumn(step + "_pattern", x.getField("pattern"));
  }

  private static String label(Map<Integer, String> labels, int c, String step) {
    String label = labels.get(c);
    if (label == null || label.isBlank()) {
      throw RuntimeErrors.stepClassUnlabelled(step, c, labels);
    }
    return label;
  }

  private static void checkPatternLength(int patternLength, String step) {
    if (patternLength < 1) {
      throw RuntimeErrors.stepPatternLengthInvalid(step, patternLength);
    }
  }
}
