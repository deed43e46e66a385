package io.vigil.runtime.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.ClassificationEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.runtime.analytics.classify.ClassifierModel;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.steps.StepColumn;
import io.vigil.runtime.analytics.steps.StepColumns;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.EvaluatedColumns;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * One step applied to a flow's records: the features extractor imputes the fields the models use,
 * the detector or classifier adds its columns, and then the fields get their original values back,
 * because the evaluated activities keep what the records said (risks compare those values). Every
 * column of {@link EvaluatedColumns} for the step is present afterwards, null where the models do
 * not produce it (a feature field no model uses, an algorithm the detector does not fuse).
 */
final class StepEvaluation {
  private static final String ORIGINAL = "__vigil_original_";
  private static final String KEY = "__vigil_key";
  /** The pattern length of classifier steps, which have no setting for it. */
  static final int CLASSIFIER_PATTERN_LENGTH = 3;

  private StepEvaluation() {}

  static Dataset<Row> apply(EvaluationFlow flow, String dataset, List<String> fields, StepModels models, Dataset<Row> rows) {
    String step = models.step().identifier();
    List<String> used = models.features().featureNames();
    Set<String> present = new HashSet<>(Arrays.asList(rows.columns()));
    for (String f : used) {
      if (!fields.contains(f)) {
        throw RuntimeErrors.modelFieldNotAFeature(flow.identifier(), step,
            models.featuresVersion() == null ? "features extractor" : models.featuresVersion().name(), f, dataset, fields);
      }
      if (!present.contains(f)) {
        throw RuntimeErrors.evaluationInputIncomplete(flow.identifier(), f, Arrays.asList(rows.columns()));
      }
    }
    boolean hasKey = present.contains(TechnicalColumns.TR_ID);
    Dataset<Row> kept = hasKey ? rows : rows.withColumn(KEY, monotonically_increasing_id().cast("string"));
    String key = hasKey ? TechnicalColumns.TR_ID : KEY;
    for (String f : used) {
      kept = kept.withColumn(ORIGINAL + f, col(quote(f)));
    }
    Dataset<Row> features = models.features().transform(kept);
    Dataset<Row> out;
    if (models.step() instanceof ClassificationEvaluationStep c) {
      out = classify(c, (ClassifierModel) models.scorer(), features);
    } else {
      AlgoEvaluationStep a = (AlgoEvaluationStep) models.step();
      out = StepColumns.detection(features, (DetectorModel) models.scorer(), step, a.patternLength(), key);
    }
    for (String f : used) {
      out = out.withColumn(f, col(quote(ORIGINAL + f))).drop(ORIGINAL + f);
    }
    if (!hasKey) {
      out = out.drop(KEY);
    }
    // Columns the definition has and these models do not produce.
    Set<String> produced = new HashSet<>(Arrays.asList(out.columns()));
    for (StepColumn column : EvaluatedColumns.of(models.step(), fields)) {
      if (!produced.contains(column.name())) {
        out = out.withColumn(column.name(), lit(null).cast(column.type()));
      }
    }
    return out;
  }

  /**
   * The classifier's columns; the class number comes from the label selector when the step has one,
   * else it is the most probable class, and rows the exclusion filter selects are not classified.
   */
  private static Dataset<Row> classify(ClassificationEvaluationStep step, ClassifierModel model, Dataset<Row> features) {
    Map<Integer, String> labels = step.labels();
    Dataset<Row> out = StepColumns.classification(features, model, step.identifier(), labels, CLASSIFIER_PATTERN_LENGTH);
    String classification = EvaluatedColumns.classification(step);
    out = out.withColumn(classification, classNumber(labels).apply(col(quote(classification))));
    if (step.labelSelector() != null && !step.labelSelector().isBlank()) {
      out = out.withColumn(classification, expr(step.labelSelector()).cast("int"));
    }
    if (step.exclusionFilter() != null && !step.exclusionFilter().isBlank()) {
      Column excluded = expr(step.exclusionFilter());
      for (StepColumn c : EvaluatedColumns.of(step, model.featureNames())) {
        out = out.withColumn(c.name(), when(excluded, lit(null).cast(c.type())).otherwise(col(quote(c.name()))));
      }
    }
    return out;
  }

  /** The label column's class number, by the function single-record evaluation calls too. */
  private static UserDefinedFunction classNumber(Map<Integer, String> labels) {
    TreeMap<Integer, String> byNumber = new TreeMap<>(labels);
    UDF1<String, Integer> number = label -> ClassNumbers.of(byNumber, label);
    return functions.udf(number, DataTypes.IntegerType);
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
