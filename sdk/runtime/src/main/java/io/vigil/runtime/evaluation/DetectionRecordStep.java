package io.vigil.runtime.evaluation;

import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.runtime.analytics.Explanation;
import io.vigil.runtime.analytics.detect.Algorithm;
import io.vigil.runtime.analytics.detect.DetectionScore;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.steps.StepColumn;
import io.vigil.runtime.analytics.steps.StepColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;

/**
 * An algo step on one record: the columns of {@link StepColumns#detection}, computed by the same
 * plain-Java scoring and explanation functions the Spark path calls. An anomaly (score at least the
 * fusion threshold) gets its ranks, ratings and pattern. Batch also explains the top
 * {@code rating_percentile} % of the other records of the Dataset it is given; that choice depends on
 * the other records, so a record alone cannot make it, and such a record's explanation columns are null here.
 */
final class DetectionRecordStep extends RecordStep {
  private final DetectorModel model;
  private final int patternLength;

  DetectionRecordStep(EvaluationFlow flow, String dataset, List<String> fields, StepModels models) {
    super(flow, dataset, fields, models, detector(models).featureNames(), StepColumns.detectionScratch(detector(models)));
    this.model = detector(models);
    this.patternLength = ((AlgoEvaluationStep) models.step()).patternLength();
    StepColumns.checkPatternLength(patternLength, step);
  }

  private static DetectorModel detector(StepModels models) {
    if (!(models.scorer() instanceof DetectorModel d)) {
      throw new IllegalArgumentException("Cannot evaluate step " + models.step().identifier() + " in real time: its scorer is a "
          + models.scorer().kind() + ", an algo step needs a " + DetectorModel.KIND);
    }
    return d;
  }

  @Override
  void addColumns(Map<String, Object> record, double[] x) {
    DetectionScore s = x == null ? null : model.score(x);
    record.put(StepColumns.score(step), s == null ? null : s.score());
    for (Algorithm a : model.algorithms()) {
      record.put(StepColumns.algorithmScore(step, a), s == null ? null : s.algorithms().get(a));
    }
    Explanation e = s != null && model.isAnomaly(s.score()) ? model.explain(x, patternLength) : null;
    List<String> names = model.featureNames();
    for (int i = 0; i < names.size(); i++) {
      record.put(StepColumns.rank(step, names.get(i)), e == null ? null : e.rankOf(i));
      record.put(StepColumns.rating(step, names.get(i)), e == null ? null : e.ratingOf(i));
    }
    record.put(StepColumns.pattern(step), e == null ? null : e.pattern());
  }

  @Override
  List<StepColumn> produced() {
    List<StepColumn> out = new ArrayList<>();
    out.add(new StepColumn(StepColumns.score(step), DataTypes.DoubleType));
    model.algorithms().forEach(a -> out.add(new StepColumn(StepColumns.algorithmScore(step, a), DataTypes.DoubleType)));
    for (String f : model.featureNames()) {
      out.add(new StepColumn(StepColumns.rank(step, f), DataTypes.IntegerType));
      out.add(new StepColumn(StepColumns.rating(step, f), DataTypes.IntegerType));
    }
    out.add(new StepColumn(StepColumns.pattern(step), DataTypes.StringType));
    return out;
  }
}
