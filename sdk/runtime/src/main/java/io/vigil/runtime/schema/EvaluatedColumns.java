package io.vigil.runtime.schema;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.ClassificationEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.runtime.analytics.detect.Algorithm;
import io.vigil.runtime.analytics.steps.StepColumn;
import io.vigil.runtime.analytics.steps.StepColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/**
 * The one definition of the columns that evaluation adds to a flow's records (S1 §6.2, §7.4.2):
 * sync creates the evaluated-activities tables in Postgres and Delta from it, and evaluate writes
 * exactly these columns. Per algo step: {@code <step>_score}, one score per algorithm the detector
 * fuses, a rank and a rating per feature field, and {@code <step>_pattern}. Per classifier step:
 * {@code <step>_classification} (the chosen class number), a score per label, and the same rank,
 * rating and pattern columns.
 */
public final class EvaluatedColumns {
  private EvaluatedColumns() {}

  /** The step columns of {@code flow}, in step order. */
  public static List<StepColumn> of(EvaluationFlow flow, DataSet input) {
    List<String> fields = FeatureFields.of(flow, input);
    List<StepColumn> out = new ArrayList<>();
    for (EvaluationStep step : flow.evaluationSteps()) {
      out.addAll(of(step, fields));
    }
    return out;
  }

  /** The columns of one step over the flow's feature fields. */
  public static List<StepColumn> of(EvaluationStep step, List<String> fields) {
    if (step instanceof ClassificationEvaluationStep c) {
      List<StepColumn> columns = new ArrayList<>(StepColumns.classificationColumns(c.identifier(), fields, c.labels(),
          c.labels().size()));
      // The guide's classification is the class number that the label selector chose, not its label.
      columns.set(0, new StepColumn(classification(c), DataTypes.IntegerType));
      return columns;
    }
    AlgoEvaluationStep a = (AlgoEvaluationStep) step;
    return StepColumns.detectionColumns(a.identifier(), fields, Arrays.asList(Algorithm.values()));
  }

  public static String classification(ClassificationEvaluationStep step) {
    return step.identifier() + "_classification";
  }

  /** The Postgres type of a step column. */
  public static String sqlType(StepColumn column) {
    if (column.type().equals(DataTypes.DoubleType)) {
      return "double precision";
    }
    if (column.type().equals(DataTypes.IntegerType)) {
      return "integer";
    }
    return "text";
  }
}
