package io.vigil.runtime.analytics.steps;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

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
  /** The struct column that carries each record's {@link io.vigil.runtime.analytics.Explanation} while the columns are added. */
  private static final String EXPLANATION = "__vigil_x";

  private StepColumns() {}

  /**
   * An algo step's columns: {@code <step>_score}, {@code <step>_<algorithm>_score} per fused algorithm,
   * then per field {@code <step>_<field>_rank} and {@code <step>_<field>_rating}, then {@code <step>_pattern}.
   */
  public static List<StepColumn> detectionColumns(String step, List<String> fields, List<Algorithm> algorithms) {
    List<StepColumn> out = new ArrayList<>();
    out.add(new StepColumn(score(step), DataTypes.DoubleType));
    for (Algorithm a : algorithms) {
      out.add(new StepColumn(algorithmScore(step, a), DataTypes.DoubleType));
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
    out.add(new StepColumn(classification(step), DataTypes.StringType));
    for (int c = 1; c <= classes; c++) {
      out.add(new StepColumn(classScore(step, label(labels, c, step)), DataTypes.DoubleType));
    }
    perField(step, fields, out);
    return out;
  }

  private static void perField(String step, List<String> fields, List<StepColumn> out) {
    for (String f : fields) {
      out.add(new StepColumn(rank(step, f), DataTypes.IntegerType));
      out.add(new StepColumn(rating(step, f), DataTypes.IntegerType));
    }
    out.add(new StepColumn(pattern(step), DataTypes.StringType));
  }

  /** {@code <step>_score}: the fused score of an algo step. */
  public static String score(String step) {
    return step + "_score";
  }

  /** {@code <step>_<algorithm>_score}: one fused algorithm's own score. */
  public static String algorithmScore(String step, Algorithm algorithm) {
    return step + "_" + algorithm.id() + "_score";
  }

  /** {@code <step>_classification}: the class of a classifier step. */
  public static String classification(String step) {
    return step + "_classification";
  }

  /** {@code <step>_<label>_score}: a class's probability, the label in lower case. */
  public static String classScore(String step, String label) {
    return step + "_" + label.toLowerCase(Locale.ROOT) + "_score";
  }

  /** {@code <step>_<field>_rank}: the field's rank in the record's explanation (1 = top contributor). */
  public static String rank(String step, String field) {
    return step + "_" + field + "_rank";
  }

  /** {@code <step>_<field>_rating}: the field's rating in the record's explanation. */
  public static String rating(String step, String field) {
    return step + "_" + field + "_rating";
  }

  /** {@code <step>_pattern}: the top rated fields joined by {@code #}. */
  public static String pattern(String step) {
    return step + "_pattern";
  }

  /**
   * The columns {@link #detection} drops from its input, because the detector computes them on the way
   * ({@value DetectorModel#SCORE} and {@code score_<algorithm>}); a record evaluated alone loses them too.
   */
  public static List<String> detectionScratch(DetectorModel model) {
    List<String> out = new ArrayList<>(List.of(DetectorModel.SCORE, EXPLANATION));
    model.algorithms().forEach(a -> out.add(DetectorModel.scoreColumn(a)));
    return out;
  }

  /**
   * The columns {@link #classification} drops from its input ({@value ClassifierModel#CLASSIFICATION},
   * {@code probability_<c>} and the classifier's own scratch column); a record evaluated alone loses them too.
   */
  public static List<String> classificationScratch(ClassifierModel model) {
    List<String> out = new ArrayList<>(List.of(ClassifierModel.CLASSIFICATION, EXPLANATION, ClassifierModel.SCRATCH));
    for (int c = 1; c <= model.classes(); c++) {
      out.add(ClassifierModel.probabilityColumn(c));
    }
    return out;
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
    Dataset<Row> out = predicted.withColumn(score(step), functions.col(DetectorModel.SCORE));
    for (Algorithm a : model.algorithms()) {
      out = out.withColumn(algorithmScore(step, a), functions.col(DetectorModel.scoreColumn(a)));
    }
    out = out.withColumn(EXPLANATION, explanation);
    out = explain(out, step, model.featureNames());
    return out.drop(detectionScratch(model).toArray(String[]::new));
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
    Dataset<Row> out = predicted.withColumn(classification(step), functions.element_at(functions.map(kv.toArray(Column[]::new)), cls));
    for (int c = 1; c <= model.classes(); c++) {
      out = out.withColumn(classScore(step, label(labels, c, step)), functions.col(ClassifierModel.probabilityColumn(c)));
    }
    out = out.withColumn(EXPLANATION, model.explanationColumn(predicted, cls, patternLength));
    out = explain(out, step, model.featureNames());
    return out.drop(classificationScratch(model).toArray(String[]::new));
  }

  private static Dataset<Row> explain(Dataset<Row> out, String step, List<String> fields) {
    Column x = functions.col(EXPLANATION);
    for (int i = 0; i < fields.size(); i++) {
      out = out.withColumn(rank(step, fields.get(i)), x.getField("ranks").getItem(i))
          .withColumn(rating(step, fields.get(i)), x.getField("ratings").getItem(i));
    }
    return out.withColumn(pattern(step), x.getField("pattern"));
  }

  /** The label of class {@code c}; a class without one fails naming the step. */
  public static String label(Map<Integer, String> labels, int c, String step) {
    String label = labels.get(c);
    if (label == null || label.isBlank()) {
      throw RuntimeErrors.stepClassUnlabelled(step, c, labels);
    }
    return label;
  }

  /** Fails unless {@code patternLength} is at least 1. */
  public static void checkPatternLength(int patternLength, String step) {
    if (patternLength < 1) {
      throw RuntimeErrors.stepPatternLengthInvalid(step, patternLength);
    }
  }
}
