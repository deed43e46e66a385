package io.vigil.runtime.evaluation;

import io.vigil.api.flow.ClassificationEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.runtime.analytics.Explanation;
import io.vigil.runtime.analytics.classify.ClassifierModel;
import io.vigil.runtime.analytics.steps.StepColumn;
import io.vigil.runtime.analytics.steps.StepColumns;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.EvaluatedColumns;
import io.vigil.runtime.sql.RecordExpression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A classifier step on one record, as {@link StepEvaluation} classifies: the most probable class's
 * number, each class's probability and the explanation towards that class from the classifier's
 * plain-Java trees or coefficients; then the label selector chooses the number and, where the exclusion
 * filter holds, the step's columns are null. Selector and filter are Spark SQL over the record as batch
 * has it at that point (the extractor's fields hold their features), analysed once by Spark and
 * evaluated per record by Catalyst, so they mean what they mean in batch.
 */
final class ClassificationRecordStep extends RecordStep {
  private final ClassifierModel model;
  private final Map<Integer, String> labels;
  /** The label of class c at c − 1, checked once. */
  private final String[] classLabels;
  private final RecordExpression selector;
  private final RecordExpression exclusion;
  /** The columns the exclusion filter nulls, in batch's order. */
  private final List<String> excludable;
  /** True when the filter reads a column it nulls, so that batch evaluates it anew before each one. */
  private final boolean filterReadsOwnColumns;

  ClassificationRecordStep(EvaluationFlow flow, String dataset, List<String> fields, StepModels models,
      Map<String, DataType> before, SparkSession spark) {
    super(flow, dataset, fields, models, classifier(models).featureNames(), StepColumns.classificationScratch(classifier(models)));
    ClassificationEvaluationStep c = (ClassificationEvaluationStep) models.step();
    this.model = classifier(models);
    this.labels = c.labels();
    this.classLabels = new String[model.classes()];
    for (int k = 1; k <= model.classes(); k++) {
      classLabels[k - 1] = StepColumns.label(labels, k, step);
    }
    Map<String, DataType> during = new LinkedHashMap<>(during(before));
    produced().forEach(col -> during.put(col.name(), col.type()));
    StructType schema = new StructType();
    for (Map.Entry<String, DataType> e : during.entrySet()) {
      schema = schema.add(e.getKey(), e.getValue(), true);
    }
    this.selector = present(c.labelSelector())
        ? analyse(flow, spark, schema, "label selector", c.labelSelector(), functions.expr(c.labelSelector()).cast("int")) : null;
    this.exclusion = present(c.exclusionFilter())
        ? analyse(flow, spark, schema, "exclusion filter", c.exclusionFilter(),
            functions.when(functions.expr(c.exclusionFilter()), functions.lit(true))) : null;
    this.excludable = EvaluatedColumns.of(c, model.featureNames()).stream().map(StepColumn::name).toList();
    this.filterReadsOwnColumns = exclusion != null && !Collections.disjoint(exclusion.columns(), excludable);
  }

  private static boolean present(String sql) {
    return sql != null && !sql.isBlank();
  }

  private RecordExpression analyse(EvaluationFlow flow, SparkSession spark, StructType schema, String what, String sql,
      Column column) {
    if (spark == null) {
      throw new IllegalArgumentException("Cannot evaluate flow " + flow.identifier() + " in real time: step " + step + " has a " + what
          + ", Spark SQL that a SparkSession analyses once; give one");
    }
    try {
      return RecordExpression.analyse(spark, schema, column);
    } catch (RecordExpression.NotEvaluable e) {
      throw RuntimeErrors.stepSqlNotEvaluablePerRecord(flow.identifier(), step, what, sql, e.getMessage());
    }
  }

  private static ClassifierModel classifier(StepModels models) {
    if (!(models.scorer() instanceof ClassifierModel m)) {
      throw new IllegalArgumentException("Cannot evaluate step " + models.step().identifier() + " in real time: its scorer is a "
          + models.scorer().kind() + ", a classifier step needs a " + ClassifierModel.KIND);
    }
    return m;
  }

  @Override
  void addColumns(Map<String, Object> record, double[] x) {
    double[] p = x == null ? null : model.predict(x);
    int cls = p == null ? 0 : ClassifierModel.classOf(p);
    String classification = StepColumns.classification(step);
    record.put(classification, p == null ? null : ClassNumbers.of(labels, classLabels[cls - 1]));
    for (int k = 1; k <= classLabels.length; k++) {
      record.put(StepColumns.classScore(step, classLabels[k - 1]), p == null ? null : p[k - 1]);
    }
    Explanation e = p == null ? null : model.explain(x, cls, StepEvaluation.CLASSIFIER_PATTERN_LENGTH);
    List<String> names = model.featureNames();
    for (int i = 0; i < names.size(); i++) {
      record.put(StepColumns.rank(step, names.get(i)), e == null ? null : e.rankOf(i));
      record.put(StepColumns.rating(step, names.get(i)), e == null ? null : e.ratingOf(i));
    }
    record.put(StepColumns.pattern(step), e == null ? null : e.pattern());
    if (selector != null) {
      record.put(classification, selector.evaluate(record));
    }
    if (exclusion != null) {
      // Batch nulls the columns one by one, each time testing the filter on the row as it then is.
      boolean excluded = !filterReadsOwnColumns && exclusion.evaluate(record) != null;
      for (String column : excludable) {
        if (filterReadsOwnColumns ? exclusion.evaluate(record) != null : excluded) {
          record.put(column, null);
        }
      }
    }
  }

  @Override
  List<StepColumn> produced() {
    List<StepColumn> out = new ArrayList<>();
    out.add(new StepColumn(StepColumns.classification(step), DataTypes.IntegerType));
    for (String label : classLabels) {
      out.add(new StepColumn(StepColumns.classScore(step, label), DataTypes.DoubleType));
    }
    for (String f : model.featureNames()) {
      out.add(new StepColumn(StepColumns.rank(step, f), DataTypes.IntegerType));
      out.add(new StepColumn(StepColumns.rating(step, f), DataTypes.IntegerType));
    }
    out.add(new StepColumn(StepColumns.pattern(step), DataTypes.StringType));
    return out;
  }
}
