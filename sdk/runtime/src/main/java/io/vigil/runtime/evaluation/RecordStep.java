package io.vigil.runtime.evaluation;

import io.vigil.api.flow.EvaluationFlow;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.analytics.steps.StepColumn;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.EvaluatedColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One evaluation step applied to one record, in the order {@link StepEvaluation} applies it to a Dataset:
 * the extractor's fields take their (imputed) features in place, the step's columns are added (replacing
 * columns of the same name and dropping the scratch columns where batch does), the extractor's fields get
 * their original values back, and every column of {@link EvaluatedColumns} the models do not produce is
 * null. Immutable, so one instance serves every thread.
 */
abstract sealed class RecordStep permits DetectionRecordStep, ClassificationRecordStep {
  private static final Object ABSENT = new Object();

  final String step;
  final ScorerInputs inputs;
  private final FeaturesExtractorModel features;
  private final List<String> used;
  private final List<String> scratch;
  private final List<StepColumn> defined;

  RecordStep(EvaluationFlow flow, String dataset, List<String> fields, StepModels models, List<String> scorerFeatures,
      List<String> scratch) {
    this.step = models.step().identifier();
    this.features = models.features();
    this.used = features.featureNames();
    for (String f : used) {
      if (!fields.contains(f)) {
        throw RuntimeErrors.modelFieldNotAFeature(flow.identifier(), step,
            models.featuresVersion() == null ? "features extractor" : models.featuresVersion().name(), f, dataset, fields);
      }
    }
    this.inputs = new ScorerInputs(scorerFeatures);
    this.scratch = List.copyOf(scratch);
    this.defined = EvaluatedColumns.of(models.step(), fields);
  }

  /** Adds the step's columns to {@code record}, in place. */
  final void apply(Map<String, Object> record) {
    Object[] originals = new Object[used.size()];
    double[] extracted = features.extract(record);
    for (int i = 0; i < originals.length; i++) {
      String f = used.get(i);
      originals[i] = record.containsKey(f) ? record.get(f) : ABSENT;
      record.put(f, extracted[i]);
    }
    double[] x = inputs.of(record);
    record.keySet().removeAll(scratch);
    addColumns(record, x);
    for (int i = 0; i < originals.length; i++) {
      if (originals[i] == ABSENT) {
        record.remove(used.get(i));
      } else {
        record.put(used.get(i), originals[i]);
      }
    }
    for (StepColumn column : defined) {
      if (!record.containsKey(column.name())) {
        record.put(column.name(), null);
      }
    }
  }

  /** Puts the columns the step's models produce; {@code x} is the scorer's input, null when a feature is missing. */
  abstract void addColumns(Map<String, Object> record, double[] x);

  /** The columns the models add, with the types batch gives them, in the order they are added. */
  abstract List<StepColumn> produced();

  /**
   * The columns and types of a record while the models add their columns, given those before the step:
   * the extractor's fields are doubles then, and the scratch columns are gone. Spark SQL of the step
   * (a classifier's label selector) is analysed over it.
   */
  final Map<String, DataType> during(Map<String, DataType> before) {
    Map<String, DataType> out = new LinkedHashMap<>(before);
    used.forEach(f -> out.put(f, DataTypes.DoubleType));
    scratch.forEach(out::remove);
    return out;
  }

  /** The columns and types of a record after the step, given those before it, in the order {@link #apply} leaves them. */
  final Map<String, DataType> after(Map<String, DataType> before) {
    Map<String, DataType> out = new LinkedHashMap<>(before);
    scratch.forEach(out::remove);
    produced().forEach(c -> out.put(c.name(), c.type()));
    for (String f : used) {
      if (before.containsKey(f)) {
        out.put(f, before.get(f));
      }
    }
    defined.forEach(c -> out.putIfAbsent(c.name(), c.type()));
    return out;
  }
}
