package io.vigil.runtime.evaluation;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.flow.ClassificationEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.runtime.analytics.steps.StepColumn;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.schema.EvaluatedColumns;
import io.vigil.runtime.schema.FeatureFields;
import io.vigil.runtime.schema.SparkSchemas;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * A flow's evaluation of one record in plain Java, for real-time scoring: no Spark job, microseconds a
 * record, and the same columns with the same values as batch {@link Evaluations#evaluate}, because it
 * calls the same scoring, rating and explanation functions the Spark path calls. Steps apply in flow
 * order, each seeing the columns of the steps before it, as in batch.
 *
 * <p>{@link #evaluate} gives the record's fields (fields the extractor imputes keep their original
 * values) plus every column of {@link EvaluatedColumns}: Double scores, Integer ranks, ratings and class
 * numbers, String patterns, null where batch gives null. The one difference is inherent: batch also
 * explains the top {@code rating_percentile} % of the non-anomalous records of the Dataset it evaluates,
 * which depends on the other records; a record alone is explained when it is an anomaly only.
 *
 * <p>Create it once per flow (it loads and checks the models) and share it: it is immutable and
 * thread-safe. A classifier step's label selector and exclusion filter are Spark SQL: a SparkSession
 * analyses them once on creation, over the columns batch rows have at that point, and Catalyst evaluates
 * them per record, in the JVM, without a job. One that does not resolve over those columns, or that needs
 * more than the record (aggregate, window, subquery, randomness), fails on creation.
 */
public final class RecordEvaluator {
  private final String flowId;
  private final List<RecordStep> steps;
  private final List<StepColumn> columns;

  private RecordEvaluator(String flowId, List<RecordStep> steps, List<StepColumn> columns) {
    this.flowId = flowId;
    this.steps = List.copyOf(steps);
    this.columns = List.copyOf(columns);
  }

  /**
   * The evaluator of flow {@code flowId}, its models resolved in the context's registry as batch resolves
   * them. The context's SparkSession is used (and started) only when a classifier step has Spark SQL.
   */
  public static RecordEvaluator of(RunContext context, String flowId) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    DataSet input = context.catalog().dataset(flow.inputDataset());
    List<StepModels> models = new ArrayList<>();
    for (EvaluationStep step : flow.evaluationSteps()) {
      models.add(StepModels.resolve(context.models(), flow, step));
    }
    return of(flow, input, models, hasSql(flow) ? context.spark() : null);
  }

  /**
   * The evaluator of {@code flow} over {@code input} (its input dataset) with models already resolved,
   * one per step of the flow, in step order. {@code spark} analyses the classifier steps' label selectors
   * and exclusion filters once (no job runs); it may be null when the flow has none.
   */
  public static RecordEvaluator of(EvaluationFlow flow, DataSet input, List<StepModels> models, SparkSession spark) {
    List<String> given = models.stream().map(m -> m.step().identifier()).toList();
    List<String> expected = flow.evaluationSteps().stream().map(EvaluationStep::identifier).toList();
    if (!given.equals(expected)) {
      throw new IllegalArgumentException("Cannot evaluate flow " + flow.identifier() + " in real time: models are given for steps "
          + given + ", the flow's steps are " + expected);
    }
    List<String> fields = FeatureFields.of(flow, input);
    List<RecordStep> steps = new ArrayList<>();
    // The columns and types batch rows have before each step: the input table's, then each step's.
    Map<String, DataType> schema = new LinkedHashMap<>();
    for (StructField f : SparkSchemas.table(input).fields()) {
      schema.put(f.name(), f.dataType());
    }
    for (StepModels m : models) {
      RecordStep step = m.step() instanceof ClassificationEvaluationStep
          ? new ClassificationRecordStep(flow, input.identifier(), fields, m, schema, spark)
          : new DetectionRecordStep(flow, input.identifier(), fields, m);
      steps.add(step);
      schema = step.after(schema);
    }
    return new RecordEvaluator(flow.identifier(), steps, EvaluatedColumns.of(flow, input));
  }

  /** True when a classifier step of {@code flow} has a label selector or exclusion filter. */
  private static boolean hasSql(EvaluationFlow flow) {
    for (EvaluationStep step : flow.evaluationSteps()) {
      if (step instanceof ClassificationEvaluationStep c && (present(c.labelSelector()) || present(c.exclusionFilter()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean present(String sql) {
    return sql != null && !sql.isBlank();
  }

  public String flowId() {
    return flowId;
  }

  /** The evaluated columns {@link #evaluate} adds, in the order of the evaluated-activities tables. */
  public List<StepColumn> columns() {
    return columns;
  }

  /**
   * {@code record} (field → value, as the input dataset's Spark rows hold them; an absent field counts as
   * null) with every step's columns. The map is unmodifiable and keeps the record's fields first.
   */
  public Map<String, Object> evaluate(Map<String, ?> record) {
    Map<String, Object> out = new LinkedHashMap<>(record);
    for (RecordStep step : steps) {
      step.apply(out);
    }
    return Collections.unmodifiableMap(out);
  }
}
