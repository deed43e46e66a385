package io.vigil.runtime.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.rand;

import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.runtime.analytics.TrainedModel;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.model.ModelSave;
import io.vigil.runtime.model.TrainedModels;
import io.vigil.runtime.report.CsvTable;
import io.vigil.runtime.report.chart.ChartStyle;
import io.vigil.runtime.report.chart.Charts;
import io.vigil.runtime.report.page.AnomaliesPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a model owner looks at in the registry beside a new detection model (S1 §5.6): the reference
 * dataset (a random sample of the training records, evaluated: the baseline drift checks compare
 * later periods with, so it is as large as their default sample), a histogram of the anomaly scores, a 2-D
 * projection (PCA) of anomalies against normal records, and a page of the top anomalies with the
 * features that made them anomalous. Everything is computed from a bounded sample, so the files stay
 * small whatever the training set's size.
 */
final class ModelReview implements AutoCloseable {
  static final int REFERENCE_ROWS = 10_000;
  static final int PROJECTED_ROWS = 5_000;
  static final int SCORED_ROWS = 100_000;
  static final int TOP_ANOMALIES = 20;
  private static final long SEED = 2026L;

  private final Path dir;
  private final Path reference;
  private final Path histogram;
  private final Path projection;
  private final Path page;

  private ModelReview(Path dir, Path reference, Path histogram, Path projection, Path page) {
    this.dir = dir;
    this.reference = reference;
    this.histogram = histogram;
    this.projection = projection;
    this.page = page;
  }

  static ModelReview of(RunContext context, EvaluationFlow flow, EvaluationStep step, Dataset<Row> rows,
      FeaturesExtractorModel extractor, TrainedModel model) {
    Path dir = temporaryFolder();
    long total = rows.count();
    Dataset<Row> sample = total > SCORED_ROWS ? rows.sample(false, (double) SCORED_ROWS / total, SEED) : rows;
    Dataset<Row> evaluated = Evaluations.evaluateReferenceDataset(context, flow.identifier(), step.identifier(), sample, extractor,
        model).cache();
    try {
      String score = step.identifier() + (step instanceof AlgoEvaluationStep ? "_score" : "_classification");
      Path reference = dir.resolve("reference_dft.csv");
      // Random rather than the first rows, so that every training period is represented in it.
      writeCsv(evaluated.orderBy(rand(SEED)).limit(REFERENCE_ROWS), reference);
      double[] scores = evaluated.select(col(score).cast("double")).where(col(score).isNotNull()).collectAsList().stream()
          .mapToDouble(r -> r.getDouble(0)).toArray();
      Path histogram = dir.resolve(TrainedModels.SCORES_CHART);
      Charts.histogram(histogram, ChartStyle.of(step.identifier() + " scores of the training records", "score", "records"),
          scores, 40);
      if (!(step instanceof AlgoEvaluationStep a)) {
        return new ModelReview(dir, reference, histogram, null, null);
      }
      double threshold = FlowTraining.threshold(model);
      Path projection = dir.resolve("anomalies distribution - PCA.png");
      project(evaluated.limit(PROJECTED_ROWS), extractor, score, threshold, projection, a.identifier());
      Path page = dir.resolve("anomalies.html");
      AnomaliesPage.write(page, "Top anomalies of " + flow.identifier() + " step " + a.identifier(),
          topAnomalies(evaluated, a, extractor.featureNames(), entity(flow)), TOP_ANOMALIES, a.patternLength());
      return new ModelReview(dir, reference, histogram, projection, page);
    } finally {
      evaluated.unpersist();
    }
  }

  /** Adds the review files to a save. */
  ModelSave.Builder addTo(ModelSave.Builder save) {
    save.reference(reference).chart(histogram.getFileName().toString(), histogram);
    if (projection != null) {
      save.chart(projection.getFileName().toString(), projection);
    }
    if (page != null) {
      save.anomaliesPage(page);
    }
    return save;
  }

  private static void project(Dataset<Row> evaluated, FeaturesExtractorModel extractor, String score, double threshold, Path png,
      String step) {
    Dataset<Row> features = extractor.transform(evaluated);
    Dataset<Row> vectors = new VectorAssembler().setInputCols(extractor.featureNames().toArray(String[]::new))
        .setOutputCol("__vigil_features").setHandleInvalid("skip").transform(features);
    int k = Math.min(2, extractor.featureNames().size());
    PCAModel pca = new PCA().setInputCol("__vigil_features").setOutputCol("__vigil_pca").setK(k).fit(vectors);
    List<Row> points = pca.transform(vectors).select(col("__vigil_pca"), col(score)).collectAsList();
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    String[] labels = new String[points.size()];
    for (int i = 0; i < points.size(); i++) {
      Vector v = (Vector) points.get(i).get(0);
      x[i] = v.apply(0);
      y[i] = k > 1 ? v.apply(1) : 0;
      labels[i] = !points.get(i).isNullAt(1) && points.get(i).getDouble(1) >= threshold ? "anomaly" : "normal";
    }
    Charts.scatter(png, ChartStyle.of(step + ": anomalies against normal records", "first component", "second component"), x, y,
        labels);
  }

  /** What names a record on the page: the flow's grouping identifiers, else the record's id. */
  private static List<String> entity(EvaluationFlow flow) {
    return flow.identifiers() != null ? flow.identifiers().groupingIdentifier() : List.of("tr_id");
  }

  private static List<AnomaliesPage.Anomaly> topAnomalies(Dataset<Row> evaluated, AlgoEvaluationStep step, List<String> features,
      List<String> entity) {
    String s = step.identifier();
    List<Row> top = evaluated.where(col(s + "_pattern").isNotNull()).orderBy(desc(s + "_score")).limit(TOP_ANOMALIES).collectAsList();
    List<AnomaliesPage.Anomaly> out = new ArrayList<>();
    for (Row r : top) {
      List<AnomaliesPage.FeatureRating> rated = new ArrayList<>();
      for (String f : features) {
        Object rating = r.getAs(s + "_" + f + "_rating");
        if (rating != null) {
          Object value = r.getAs(f);
          rated.add(new AnomaliesPage.FeatureRating(f, value == null ? "" : value.toString(), ((Number) rating).doubleValue()));
        }
      }
      rated.sort(Comparator.comparingDouble(AnomaliesPage.FeatureRating::rating).reversed());
      List<String> names = Stream.of(r.schema().fieldNames()).toList();
      String key = entity.stream().filter(names::contains).map(e -> String.valueOf(r.<Object>getAs(e)))
          .reduce((x, y) -> x + " / " + y).orElse(String.valueOf(out.size() + 1));
      out.add(new AnomaliesPage.Anomaly(key, r.getAs(s + "_score"), rated));
    }
    return out;
  }

  private static void writeCsv(Dataset<Row> rows, Path csv) {
    List<List<Object>> lines = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      List<Object> line = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        line.add(r.isNullAt(i) ? null : r.get(i));
      }
      lines.add(line);
    }
    CsvTable.write(csv, List.of(rows.columns()), lines);
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("vigil-review-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary folder is harmless.
    }
  }
}
