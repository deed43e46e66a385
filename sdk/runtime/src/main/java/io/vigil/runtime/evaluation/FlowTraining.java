package io.vigil.runtime.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.flow.ClassificationEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.runtime.analytics.TrainedModel;
import io.vigil.runtime.analytics.classify.Classifier;
import io.vigil.runtime.analytics.classify.ClassifierSettings;
import io.vigil.runtime.analytics.detect.Detector;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.detect.DetectorSettings;
import io.vigil.runtime.analytics.features.CategoricFeaturesTransformer;
import io.vigil.runtime.analytics.features.FeaturesExtractor;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.analytics.features.FeaturesTransformer;
import io.vigil.runtime.analytics.features.ImputationStrategy;
import io.vigil.runtime.analytics.features.NumericFeaturesTransformer;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.dataset.ReadOptions;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.histogram.FeatureHistograms;
import io.vigil.runtime.histogram.HistogramArtifacts;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.ModelRun;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.runtime.model.TrainingData;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The built-in training recipe of a flow (what {@code vigil train} runs; a solution's own training
 * job can do the same through the API). It reads the flow's input dataset over the execution
 * dates asked for, fits a features extractor — numeric fields imputed with their median, string and
 * boolean fields with at most {@value #MAX_CATEGORIES} distinct values mapped by the categorical
 * transformer, keys and the occurred-on field left out — then the step's detector (or classifier,
 * from a labels column), and saves both in one registry run under the names and tags of the step's
 * model references, with the training data's size and range, per-feature histograms, and the review
 * artifacts: the reference dataset, the score histogram, a 2-D projection and the top anomalies.
 */
public final class FlowTraining {
  /** Strings with more distinct values than this are left out as features: they identify rather than describe. */
  public static final int MAX_CATEGORIES = 50;

  private FlowTraining() {}

  /** Trains the steps {@code options} names (all by default), in order. */
  public static List<TrainingResult> train(RunContext context, String flowId, TrainingOptions options) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    DataSet input = context.catalog().dataset(flow.inputDataset());
    LocalDateTime from = options.from() != null ? options.from() : context.executionDate();
    LocalDateTime to = options.to() != null ? options.to() : context.executionDate();
    Dataset<Row> rows = Datasets.read(context, input.identifier(), ReadOptions.range(from, to)).cache();
    try {
      long count = rows.count();
      if (count == 0) {
        throw RuntimeErrors.trainingWithoutRows(flowId, input.identifier(), "with tr_job_ts from " + from + " to " + to);
      }
      List<String> features = options.features().isEmpty() ? chooseFeatures(flow, input, rows) : options.features();
      if (features.isEmpty()) {
        throw RuntimeErrors.trainingWithoutFeatures(flowId, input.identifier());
      }
      List<EvaluationStep> steps = options.step() == null ? flow.evaluationSteps() : List.of(Evaluations.step(flow, options.step()));
      List<TrainingResult> out = new ArrayList<>();
      for (EvaluationStep step : steps) {
        out.add(trainStep(context, flow, input, step, rows, count, features, options.labels()));
      }
      return out;
    } finally {
      rows.unpersist();
    }
  }

  /** The recipe's features: the flow's feature fields, numbers always, strings and booleans with few distinct values. */
  static List<String> chooseFeatures(EvaluationFlow flow, DataSet input, Dataset<Row> rows) {
    List<String> candidates = io.vigil.runtime.schema.FeatureFields.of(flow, input);
    List<String> categorical = candidates.stream().filter(f -> !io.vigil.runtime.schema.FeatureFields.isNumeric(input, f)).toList();
    Map<String, Long> distinct = new java.util.HashMap<>();
    if (!categorical.isEmpty()) {
      Column[] counts = categorical.stream().map(f -> countDistinct(col(StepEvaluation.quote(f))).as(f)).toArray(Column[]::new);
      Row r = rows.agg(counts[0], Arrays.copyOfRange(counts, 1, counts.length)).first();
      for (String f : categorical) {
        distinct.put(f, r.getLong(r.fieldIndex(f)));
      }
    }
    return candidates.stream().filter(f -> io.vigil.runtime.schema.FeatureFields.isNumeric(input, f)
        || distinct.getOrDefault(f, Long.MAX_VALUE) <= MAX_CATEGORIES).toList();
  }

  private static TrainingResult trainStep(RunContext context, EvaluationFlow flow, DataSet input, EvaluationStep step,
      Dataset<Row> rows, long count, List<String> features, String labels) {
    long start = System.nanoTime();
    context.progress().stage("train " + flow.identifier() + " step " + step.identifier());
    boolean classifier = step instanceof ClassificationEvaluationStep;
    if (labels != null && !Arrays.asList(rows.columns()).contains(labels) || classifier && labels == null) {
      throw RuntimeErrors.trainingLabelsMissing(flow.identifier(), step.identifier(), labels);
    }
    FeaturesExtractorModel extractor = FeaturesExtractor.of(transformers(input, features)).fit(rows);
    Dataset<Row> prepared = extractor.transform(rows);
    TrainedModel model;
    if (classifier) {
      model = Classifier.of(ClassifierSettings.defaults()).fit(prepared, extractor.featureNames(), labels);
    } else {
      Detector detector = Detector.of(DetectorSettings.defaults());
      model = labels == null ? detector.fit(prepared, extractor.featureNames())
          : detector.fit(prepared, extractor.featureNames(), labels);
    }
    ModelRegistry registry = context.models();
    ModelRun run = registry.startRun(context.solution() + ".training", flow.identifier() + "." + step.identifier(),
        Map.of("vigil.flow", flow.identifier(), "vigil.step", step.identifier()));
    try {
      TrainingData training = input.occurredOnField() != null ? TrainingData.of(rows, input.occurredOnField())
          : TrainingData.rows(count);
      ModelVersion fe = Models.save(context, step.featureExtractionModel().name(), extractor, step.featureExtractionModel().tags(),
          b -> b.run(run.runId()).training(training));
      ModelReview review = ModelReview.of(context, flow, step, rows, extractor, model);
      ModelVersion scorer;
      try {
        scorer = Models.save(context, step.detectionModel().name(), model, step.detectionModel().tags(),
            b -> review.addTo(b.run(run.runId()).training(training)));
      } finally {
        review.close();
      }
      HistogramArtifacts.save(registry, run.runId(), FeatureHistograms.compute(rows, extractor.featureNames()));
      registry.endRun(run.runId(), ModelRun.Status.FINISHED);
      long millis = (System.nanoTime() - start) / 1_000_000;
      context.metrics().log(flow.identifier() + "." + step.identifier() + "-training_rows", count);
      context.progress().done(count + " rows, " + extractor.featureNames().size() + " features");
      return new TrainingResult(flow.identifier(), step.identifier(), extractor.featureNames(), count, fe, scorer, millis,
          run.runId());
    } catch (RuntimeException e) {
      registry.endRun(run.runId(), ModelRun.Status.FAILED);
      throw e;
    }
  }

  private static FeaturesTransformer[] transformers(DataSet input, List<String> features) {
    List<String> numeric = features.stream().filter(f -> io.vigil.runtime.schema.FeatureFields.isNumeric(input, f)).toList();
    List<String> categorical = features.stream().filter(f -> !numeric.contains(f)).toList();
    List<FeaturesTransformer> out = new ArrayList<>();
    if (!numeric.isEmpty()) {
      out.add(NumericFeaturesTransformer.of(ImputationStrategy.MEDIAN, numeric.toArray(String[]::new)));
    }
    if (!categorical.isEmpty()) {
      out.add(CategoricFeaturesTransformer.of(ImputationStrategy.MOST_FREQUENT, categorical.toArray(String[]::new)));
    }
    return out.toArray(FeaturesTransformer[]::new);
  }

  /** The anomaly threshold of a detector; classifiers have none. */
  static double threshold(TrainedModel model) {
    return model instanceof DetectorModel d ? d.fusionThreshold() : Double.NaN;
  }
}
