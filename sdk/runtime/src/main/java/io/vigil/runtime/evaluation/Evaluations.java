package io.vigil.runtime.evaluation;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.api.risk.Risk;
import io.vigil.runtime.analytics.TrainedModel;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.dataset.CddCopy;
import io.vigil.runtime.dataset.PublishResult;
import io.vigil.runtime.dataset.SqlLiterals;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.runtime.schema.FeatureFields;
import io.vigil.runtime.schema.SparkSchemas;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation API of jobs (S1 §6.2), in ThetaRay's shape: {@code evaluate(context, flow, rows)}
 * scores a flow's records with the models its steps reference; {@code write} keeps them as the
 * flow's evaluated activities in Delta, replacing the execution date's rows; {@code publish} copies
 * them, with their explainability, into the CDD for decisioning; {@code load} reads them back.
 */
public final class Evaluations {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluations.class);

  private Evaluations() {}

  /** {@code rows} (the flow's input records) with every step's columns, steps in order. */
  public static Dataset<Row> evaluate(RunContext context, String flowId, Dataset<Row> rows) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    Dataset<Row> out = rows;
    for (EvaluationStep step : flow.evaluationSteps()) {
      out = apply(context, flow, StepModels.resolve(context.models(), flow, step), out);
    }
    return out;
  }

  /** {@code rows} with the columns of one step only (the guide's {@code evaluate_step}). */
  public static Dataset<Row> evaluateStep(RunContext context, String flowId, String stepId, Dataset<Row> rows) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    return apply(context, flow, StepModels.resolve(context.models(), flow, step(flow, stepId)), rows);
  }

  /**
   * A reference dataset evaluated with models given directly, before they are saved (the guide's
   * {@code evaluate_reference_dataset}): the baseline that drift checks compare later periods with.
   */
  public static Dataset<Row> evaluateReferenceDataset(RunContext context, String flowId, String stepId, Dataset<Row> reference,
      FeaturesExtractorModel features, TrainedModel scorer) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    return apply(context, flow, StepModels.of(step(flow, stepId), features, scorer), reference);
  }

  private static Dataset<Row> apply(RunContext context, EvaluationFlow flow, StepModels models, Dataset<Row> rows) {
    DataSet input = context.catalog().dataset(flow.inputDataset());
    return StepEvaluation.apply(flow, input.identifier(), FeatureFields.of(flow, input), models, rows);
  }

  /**
   * The anomalies among evaluated records: those whose score in an algo step reaches that step's
   * fusion threshold, as the step's detector says.
   */
  public static long anomalies(RunContext context, String flowId, Dataset<Row> evaluated) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    List<Column> above = new ArrayList<>();
    for (EvaluationStep step : flow.evaluationSteps()) {
      if (step instanceof AlgoEvaluationStep a) {
        DetectorModel detector = (DetectorModel) StepModels.resolve(context.models(), flow, a).scorer();
        above.add(col(quote(a.identifier() + "_score")).geq(detector.fusionThreshold()));
      }
    }
    return above.isEmpty() ? 0 : evaluated.where(anyOf(above)).count();
  }

  /** The evaluated activities of the execution date, read from the context's environment. */
  public static Dataset<Row> load(RunContext context, String flowId) {
    return load(context, flowId, context.executionDate(), context.executionDate());
  }

  /** The evaluated activities whose {@code tr_job_ts} lies in {@code [from, to]}. */
  public static Dataset<Row> load(RunContext context, String flowId, LocalDateTime from, LocalDateTime to) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    String path = context.layout().evaluatedPath(context.environment(), flow.identifier());
    ensureTable(context, flow, path);
    return context.spark().read().format("delta").load(path)
        .where(col(TechnicalColumns.TR_JOB_TS).between(expr(SqlLiterals.timestamp(from)), expr(SqlLiterals.timestamp(to))));
  }

  /**
   * Writes evaluated records as the flow's evaluated activities for the execution date, in one Delta
   * commit that replaces that date's rows: a rerun for the same date gives the same table.
   */
  public static EvaluatedWrite write(RunContext context, Dataset<Row> evaluated, String flowId) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    Environment env = context.environment();
    context.checkWritable(env, "the evaluated activities of flow " + flowId);
    context.progress().stage("write evaluated activities of " + flowId);
    String path = context.layout().evaluatedPath(env, flow.identifier());
    StructType schema = ensureTable(context, flow, path);
    LocalDateTime date = context.executionDate();
    Dataset<Row> rows = conform(evaluated, schema, date, context.writer());
    List<Column> anomalous = new ArrayList<>();
    for (EvaluationStep step : flow.evaluationSteps()) {
      if (step instanceof AlgoEvaluationStep a) {
        anomalous.add(col(quote(a.identifier() + "_pattern")).isNotNull().and(col(quote(a.identifier() + "_score")).isNotNull()));
      }
    }
    Observation observed = new Observation("evaluated_" + flowId);
    Dataset<Row> watched = rows.observe(observed, count(lit(1)).as("rows"),
        sum(anomalous.isEmpty() ? lit(0) : when(anyOf(anomalous), 1).otherwise(0)).as("anomalies"));
    watched.write().format("delta").mode("overwrite")
        .option("replaceWhere", TechnicalColumns.TR_JOB_TS + " = " + SqlLiterals.timestamp(date))
        .save(path);
    Row counts = observedRow(observed, flowId);
    long written = counts.getLong(0);
    long anomalies = counts.getLong(1);
    context.metrics().add(flowId + "-evaluated_rows", written);
    context.metrics().add(flowId + "-rated_rows", anomalies);
    LOG.info("Wrote {} evaluated activities of flow {} to {} ({} rated)", written, flowId, env, anomalies);
    context.progress().done(written + " rows written, " + anomalies + " rated");
    return new EvaluatedWrite(flowId, env, date, written, anomalies);
  }

  /**
   * Copies the execution date's evaluated activities into the flow's CDD table, and their ratings
   * into {@code <flow>_expl}, replacing that date's rows in both (S1 §6.2; decisioning reads them).
   */
  public static PublishResult publish(RunContext context, String flowId) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    Environment env = context.environment();
    context.checkWritable(env, "the CDD table of flow " + flowId);
    DataSet input = context.catalog().dataset(flow.inputDataset());
    String schema = context.layout().cddSchema(env);
    CddTable table = CddTables.evaluatedActivities(schema, flow, input, risks(context));
    context.progress().stage("publish evaluated activities of " + flowId + " to " + schema + "." + table.name());
    LocalDateTime date = context.executionDate();
    Dataset<Row> rows = load(context, flowId);
    CddCopy.Copied copied = CddCopy.replace(context, table, rows, date);
    CddCopy.replace(context, CddTables.explainability(schema, flow), explanations(flow, FeatureFields.of(flow, input), rows), date);
    context.metrics().add(flowId + "-published_rows", copied.rows());
    context.progress().done(copied.rows() + " rows published");
    return new PublishResult(flowId, env, schema + "." + table.name(), date, copied.rows(), copied.partitions());
  }

  /** One row per rated feature of a record and step: {@code tr_id, tr_job_ts, step, rank, feature, rating, value}. */
  static Dataset<Row> explanations(EvaluationFlow flow, List<String> fields, Dataset<Row> rows) {
    List<Column> items = new ArrayList<>();
    for (EvaluationStep step : flow.evaluationSteps()) {
      String s = step.identifier();
      for (String f : fields) {
        items.add(struct(lit(s).as("step"), col(quote(s + "_" + f + "_rank")).as("rank"), lit(f).as("feature"),
            col(quote(s + "_" + f + "_rating")).as("rating"), col(quote(f)).cast("string").as("value")));
      }
    }
    if (items.isEmpty()) {
      return rows.select(col(TechnicalColumns.TR_ID), col(TechnicalColumns.TR_JOB_TS), lit("").as("step"), lit(0).as("rank"),
          lit("").as("feature"), lit(0).as("rating"), lit(null).cast("string").as("value")).where(lit(false));
    }
    return rows.select(col(TechnicalColumns.TR_ID), col(TechnicalColumns.TR_JOB_TS), explode(array(items.toArray(Column[]::new))).as("x"))
        .where(col("x.rank").isNotNull())
        .select(col(TechnicalColumns.TR_ID), col(TechnicalColumns.TR_JOB_TS), col("x.step").as("step"), col("x.rank").as("rank"),
            col("x.feature").as("feature"), col("x.rating").as("rating"), col("x.value").as("value"));
  }

  /** The rows in the table's column order and types; technical columns stamped for this date and writer. */
  private static Dataset<Row> conform(Dataset<Row> evaluated, StructType schema, LocalDateTime date, String writer) {
    Set<String> present = new HashSet<>(Arrays.asList(evaluated.columns()));
    Column jobTs = expr(SqlLiterals.timestamp(date));
    List<Column> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = switch (f.name()) {
        case TechnicalColumns.TR_JOB_TS -> jobTs;
        case TechnicalColumns.TR_PARTITION -> date_format(jobTs, "yyyy_MM");
        case TechnicalColumns.TR_WRITER -> lit(writer);
        case TechnicalColumns.TR_STATUS, TechnicalColumns.TR_STATUS_JOB_TS -> lit(null);
        default -> present.contains(f.name()) ? col(quote(f.name())) : lit(null);
      };
      out.add(c.cast(f.dataType()).as(f.name()));
    }
    return evaluated.select(out.toArray(Column[]::new));
  }

  private static StructType ensureTable(RunContext context, EvaluationFlow flow, String path) {
    StructType schema = SparkSchemas.evaluated(flow, context.catalog().dataset(flow.inputDataset()), risks(context));
    DeltaTables.ensure(context.spark(), path, schema, List.of(TechnicalColumns.TR_PARTITION));
    return schema;
  }

  /** Every risk of the solution; the tables take the columns of those that name their flow. */
  static List<Risk> risks(RunContext context) {
    return context.catalog().all(EntityKind.RISK, Risk.class);
  }

  static EvaluationStep step(EvaluationFlow flow, String stepId) {
    return flow.evaluationSteps().stream().filter(s -> s.identifier().equals(stepId)).findFirst()
        .orElseThrow(() -> RuntimeErrors.stepNotFound(flow.identifier(), stepId,
            flow.evaluationSteps().stream().map(EvaluationStep::identifier).toList()));
  }

  private static Column anyOf(List<Column> conditions) {
    Column any = conditions.get(0);
    for (int i = 1; i < conditions.size(); i++) {
      any = any.or(conditions.get(i));
    }
    return any;
  }

  private static Row observedRow(Observation observed, String flowId) {
    java.util.Map<String, Object> values;
    try {
      values = observed.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RuntimeErrors.interrupted("count the evaluated activities of flow " + flowId, e);
    }
    Object rows = values.get("rows");
    Object anomalies = values.get("anomalies");
    return org.apache.spark.sql.RowFactory.create(rows == null ? 0L : ((Number) rows).longValue(),
        anomalies == null ? 0L : ((Number) anomalies).longValue());
  }

  static String quote(String name) {
    return StepEvaluation.quote(name);
  }
}
