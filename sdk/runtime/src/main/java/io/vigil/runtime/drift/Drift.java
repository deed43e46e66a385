package io.vigil.runtime.drift;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.DriftSettings;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.evaluation.Evaluations;
import io.vigil.runtime.evaluation.StepModels;
import io.vigil.runtime.schema.FeatureFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift management of a flow step (S1 §23.2.1, the guide's drift notebook): the execution date's
 * records of the flow's input dataset, scored by the step's models, against the reference set saved
 * with the detection model at training. It logs the transaction-level statistics, each numeric
 * feature's CSI, and the guide's tests with their values, thresholds and PASS/FAIL as metrics of the
 * run (the DAG's experiment, the task's run in MLflow), with a PNG per feature and of the score; in
 * block mode a failing test fails the task with DRIFT_DETECTED, so the DAG stops before evaluation.
 * Everything is computed by Spark in a few aggregations over both samples at once.
 */
public final class Drift {
  public static final String ABOVE_CSI_THRESHOLD_PERCENTAGE = "ABOVE_CSI_THRESHOLD_PERCENTAGE";
  public static final String MAX_CSI_FEATURE_CHANGE = "MAX_CSI_FEATURE_CHANGE";
  public static final String IQR_ALGO_SCORE = "IQR_ALGO_SCORE";
  public static final String ANOMALY_PERCENTAGE = "ANOMALY_PERCENTAGE";
  public static final String TRIGGER_FEATURES = "TRIGGER_FEATURES";
  public static final String CSI_ANOMALY_PERCENT = "CSI_ANOMALY_PERCENT";
  /** How a trigger feature counts as such: among the record's top three (the guide's "top-3 trigger features"). */
  static final int TOP_TRIGGERS = 3;
  private static final long SEED = 2026L;
  private static final String SIDE = "__side";
  private static final String PERIOD = "__period";
  private static final String SCORE = "__score";
  private static final String ANOMALY = "__anomaly";
  private static final String RATED = "__rated";
  static final String REFERENCE = "reference";
  static final String CURRENT = "current";
  private static final Logger LOG = LoggerFactory.getLogger(Drift.class);

  private Drift() {}

  /** {@link #check(RunContext, String, String, DriftSettings)} with the flow's own drift settings (or the guide's defaults). */
  public static DriftReport check(RunContext context, String flowId, String stepId) {
    return check(context, flowId, stepId, context.catalog().evaluationFlow(flowId).driftSettings());
  }

  /**
   * Measures and logs the drift of the execution date, then enforces the mode: in block mode a failed
   * test throws DRIFT_DETECTED (the task fails, exit code 6 of {@code vigil run}).
   */
  public static DriftReport check(RunContext context, String flowId, String stepId, DriftSettings settings) {
    DriftReport report = measure(context, flowId, stepId, settings);
    report.enforce();
    return report;
  }

  /** Measures and logs the drift of the execution date without enforcing the mode (the CLI prints it first). */
  public static DriftReport measure(RunContext context, String flowId, String stepId, DriftSettings settings) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    EvaluationStep step = flow.findStep(stepId);
    if (step == null) {
      throw RuntimeErrors.stepNotFound(flowId, stepId, flow.evaluationSteps().stream().map(EvaluationStep::identifier).toList());
    }
    if (!(step instanceof AlgoEvaluationStep)) {
      throw RuntimeErrors.driftStepNotAlgo(flowId, stepId);
    }
    context.progress().stage("check drift of " + flowId + " step " + stepId);
    StepModels models = StepModels.resolve(context.models(), flow, step);
    Dataset<Row> reference = ReferenceSets.load(context, flowId, stepId, models.scorerVersion());
    DataSet input = context.catalog().dataset(flow.inputDataset());
    Dataset<Row> current = Evaluations.evaluateStep(context, flowId, stepId, Datasets.read(context, input.identifier()));
    List<String> features = models.features().featureNames().stream().filter(f -> FeatureFields.isNumeric(input, f)).toList();
    double threshold = ((DetectorModel) models.scorer()).fusionThreshold();
    // The reference's periods are the execution dates it was trained over.
    Column referencePeriod = Arrays.asList(reference.columns()).contains(TechnicalColumns.TR_JOB_TS) ? col(TechnicalColumns.TR_JOB_TS)
        : lit("training");
    Dataset<Row> both = prepare(reference, REFERENCE, referencePeriod, stepId, features, threshold, settings)
        .unionByName(prepare(current, CURRENT, lit(context.executionDate().toString()), stepId, features, threshold, settings))
        .cache();
    try {
      DriftReport report = compare(context, flowId, stepId, models, features, both, settings);
      DriftLog.record(context, report, both, features);
      LOG.info("Drift of flow {} step {} for {}: {}", flowId, stepId, context.executionDate(),
          report.drifted() ? "FAILED " + report.failed() : "every test passed");
      context.progress().done(report.drifted() ? "drift: " + String.join(", ", report.failed()) : "no drift");
      return report;
    } finally {
      both.unpersist();
    }
  }

  /**
   * One side's records as the check reads them, at most {@code sample_size} of them: the side and
   * period, each feature as {@code f<i>} (a double), the score, whether it is an anomaly (the score at
   * the detector's fusion threshold or above), and per feature whether it is a top-3 trigger.
   */
  private static Dataset<Row> prepare(Dataset<Row> rows, String side, Column period, String step, List<String> features,
      double threshold, DriftSettings settings) {
    List<String> present = Arrays.asList(rows.columns());
    List<Column> out = new ArrayList<>();
    out.add(lit(side).as(SIDE));
    out.add(period.cast("string").as(PERIOD));
    for (int i = 0; i < features.size(); i++) {
      out.add(col(quote(features.get(i))).cast("double").as("f" + i));
    }
    Column score = col(quote(step + "_score")).cast("double");
    out.add(score.as(SCORE));
    out.add(when(score.geq(threshold), 1).otherwise(0).as(ANOMALY));
    Column rated = lit(false);
    for (int i = 0; i < features.size(); i++) {
      String rank = step + "_" + features.get(i) + "_rank";
      Column r = present.contains(rank) ? col(quote(rank)).cast("int") : lit(null).cast("int");
      out.add(when(r.leq(TOP_TRIGGERS), 1).otherwise(0).as("t" + i));
      rated = rated.or(r.isNotNull());
    }
    out.add(when(rated, 1).otherwise(0).as(RATED));
    Dataset<Row> selected = rows.select(out.toArray(Column[]::new));
    // Sampled the way the guide's SAMPLE_SIZE does: a seeded fraction, then cut at the size.
    long n = selected.count();
    int size = settings.sampleSize();
    return n <= size ? selected : selected.sample(false, Math.min(1.0, 1.2 * size / n), SEED).limit(size);
  }

  private static DriftReport compare(RunContext context, String flowId, String stepId, StepModels models, List<String> features,
      Dataset<Row> both, DriftSettings settings) {
    List<Row> periods = periods(both, features.size());
    Map<String, Double> stats = new LinkedHashMap<>();
    Row ref = side(both, REFERENCE, features.size());
    Row cur = side(both, CURRENT, features.size());
    long refRows = ref == null ? 0 : ref.getLong(0);
    long curRows = cur == null ? 0 : cur.getLong(0);
    if (refRows == 0) {
      throw RuntimeErrors.driftWithoutRows(flowId, stepId, "the reference set of model " + models.scorerVersion().name()
          + " version " + models.scorerVersion().version() + " has no records");
    }
    if (curRows == 0) {
      throw RuntimeErrors.driftWithoutRows(flowId, stepId, "dataset " + context.catalog().evaluationFlow(flowId).inputDataset()
          + " has no records for execution date " + context.executionDate());
    }
    long refPeriods = periods.stream().filter(p -> REFERENCE.equals(p.getString(0))).count();
    stats.put("reference.rows", (double) refRows);
    stats.put("current.rows", (double) curRows);
    stats.put("reference.periods", (double) refPeriods);
    stats.put("reference.rows_per_period", (double) refRows / refPeriods);
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      columns.add("f" + i);
    }
    columns.add(SCORE);
    Map<String, PopulationShift.Binned> shifts = PopulationShift.of(both, SIDE, REFERENCE, columns, settings.bins());
    List<FeatureShift> shifted = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      double csi = shifts.get("f" + i).index();
      double refMean = doubleOr(ref, 4 + i);
      double curMean = doubleOr(cur, 4 + i);
      shifted.add(new FeatureShift(features.get(i), csi, !(csi > settings.csiThreshold()), refMean, curMean));
      stats.put("reference.mean." + features.get(i), refMean);
      stats.put("current.mean." + features.get(i), curMean);
    }
    double refIqr = iqr(ref);
    double curIqr = iqr(cur);
    stats.put("reference.score_iqr", refIqr);
    stats.put("current.score_iqr", curIqr);
    long refAnomalies = ref.getLong(1);
    long curAnomalies = cur.getLong(1);
    stats.put("reference.anomaly_percentage", 100.0 * refAnomalies / refRows);
    stats.put("current.anomaly_percentage", 100.0 * curAnomalies / curRows);
    List<ZScores.Period> anomalyPeriods = periods.stream().filter(p -> REFERENCE.equals(p.getString(0)))
        .map(p -> new ZScores.Period(p.getLong(3), p.getLong(2))).toList();
    double anomalyZ = ZScores.proportion(curAnomalies, curRows, anomalyPeriods);
    List<TriggerShift> triggers = triggers(features, ref, cur, periods, settings);
    long csiFailed = shifted.stream().filter(f -> !f.passed()).count();
    double maxCsi = shifted.stream().mapToDouble(FeatureShift::csi).max().orElse(0);
    long triggerFailed = triggers.stream().filter(t -> !t.passed()).count();
    List<DriftTestResult> tests = List.of(
        DriftTestResult.of(ABOVE_CSI_THRESHOLD_PERCENTAGE, features.isEmpty() ? 0 : (double) csiFailed / features.size(),
            settings.csiFeaturesTest(), "share of features with CSI above " + settings.csiThreshold()),
        DriftTestResult.of(MAX_CSI_FEATURE_CHANGE, maxCsi, settings.maxCsiFeatureChangeTest(), "largest CSI of a feature"),
        DriftTestResult.of(IQR_ALGO_SCORE, Math.abs(refIqr - curIqr), settings.iqrAlgoScore(),
            "|IQR of " + stepId + "_score, reference - current|"),
        DriftTestResult.of(ANOMALY_PERCENTAGE, Math.abs(anomalyZ), settings.anomalyPercentage(),
            "|z| of the current anomaly percentage against the reference periods"),
        DriftTestResult.of(TRIGGER_FEATURES, triggers.isEmpty() ? 0 : (double) triggerFailed / triggers.size(),
            settings.triggerFeatures(), "share of features whose top-3 trigger frequency has |z| above " + settings.triggerFeatureZ()),
        DriftTestResult.of(CSI_ANOMALY_PERCENT, shifts.get(SCORE).index(), settings.csiThreshold(), "PSI of " + stepId + "_score"));
    return new DriftReport(flowId, stepId, models.scorerVersion().name(), models.scorerVersion().version(), context.executionDate(),
        settings.mode(), refRows, curRows, stats, shifted, triggers, tests);
  }

  /** Per side: rows, anomalies, rated records and the score's quartiles (columns 0-3), then the feature means (from 4), then the top-3 trigger counts; null for no rows. */
  private static Row side(Dataset<Row> both, String side, int features) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(col(ANOMALY)).cast("long").as("anomalies"));
    aggs.add(sum(col(RATED)).cast("long").as("rated"));
    aggs.add(expr("percentile_approx(" + SCORE + ", array(0.25, 0.75), 10000)").as("quartiles"));
    for (int i = 0; i < features; i++) {
      aggs.add(avg(col("f" + i)).as("m" + i));
    }
    for (int i = 0; i < features; i++) {
      aggs.add(sum(col("t" + i)).cast("long").as("c" + i));
    }
    List<Row> rows = both.where(col(SIDE).equalTo(side)).agg(count(lit(1)).as("rows"), aggs.toArray(Column[]::new)).collectAsList();
    return rows.isEmpty() || rows.get(0).getLong(0) == 0 ? null : rows.get(0);
  }

  /** Per side and period (columns 0-1): rows, anomalies, rated records (2-4), and the top-3 trigger count of each feature (from 5). */
  private static List<Row> periods(Dataset<Row> both, int features) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(col(ANOMALY)).cast("long"));
    aggs.add(sum(col(RATED)).cast("long"));
    for (int i = 0; i < features; i++) {
      aggs.add(sum(col("t" + i)).cast("long"));
    }
    return both.groupBy(col(SIDE), col(PERIOD)).agg(count(lit(1)), aggs.toArray(Column[]::new)).collectAsList();
  }

  private static List<TriggerShift> triggers(List<String> features, Row ref, Row cur, List<Row> periods, DriftSettings settings) {
    int base = 4 + features.size();
    long refRated = ref.getLong(2);
    long curRated = cur.getLong(2);
    List<TriggerShift> out = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      long refHits = ref.getLong(base + i);
      long curHits = cur.getLong(base + i);
      int column = 5 + i;
      // Shares of the rated records (those with trigger features): a period without any says nothing of their mix.
      List<ZScores.Period> reference = periods.stream().filter(p -> REFERENCE.equals(p.getString(0)))
          .map(p -> new ZScores.Period(p.getLong(column), p.getLong(4))).toList();
      double z = curRated == 0 || refRated == 0 ? 0 : ZScores.proportion(curHits, curRated, reference);
      out.add(new TriggerShift(features.get(i), refRated == 0 ? 0 : (double) refHits / refRated,
          curRated == 0 ? 0 : (double) curHits / curRated, z, !(Math.abs(z) > settings.triggerFeatureZ())));
    }
    return out;
  }

  private static double iqr(Row side) {
    List<Object> q = side.getList(3);
    return q == null || q.size() < 2 || q.get(0) == null ? 0 : ((Number) q.get(1)).doubleValue() - ((Number) q.get(0)).doubleValue();
  }

  private static double doubleOr(Row row, int index) {
    return row.isNullAt(index) ? Double.NaN : row.getDouble(index);
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
