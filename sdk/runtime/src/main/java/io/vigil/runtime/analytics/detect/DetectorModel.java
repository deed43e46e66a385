package io.vigil.runtime.analytics.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.runtime.analytics.Columns;
import io.vigil.runtime.analytics.Explanation;
import io.vigil.runtime.analytics.FeatureRating;
import io.vigil.runtime.analytics.ModelFolder;
import io.vigil.runtime.analytics.TrainedModel;
import io.vigil.runtime.analytics.scaling.Scaler;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * A fitted {@link Detector}. It scores on Spark ({@link #predict}, {@link #featureRating(Dataset, String)})
 * and one record at a time ({@link #score}, {@link #rate}) with the same plain-Java function, so both
 * give identical numbers.
 */
public final class DetectorModel implements TrainedModel {
  public static final String KIND = "detector";
  /** The fused score column {@link #predict} adds. */
  public static final String SCORE = "score";
  /** The ratings column {@link #featureRating(Dataset, String)} gives: array of {feature, name, rating}. */
  public static final String RATINGS = "ratings";
  private static final String FILE = "detector.json";
  private static final String FOREST = "forest.bin";

  private final DetectorCore core;

  DetectorModel(DetectorCore core) {
    this.core = core;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The feature columns, in the order of {@code double[]} records. */
  public List<String> featureNames() {
    return core.featureNames;
  }

  /** The fused algorithms, in the order of their columns. */
  public List<Algorithm> algorithms() {
    return List.of(core.algorithms);
  }

  /** The column {@link #predict} gives an algorithm's own score in: {@code score_<id>}. */
  public static String scoreColumn(Algorithm algorithm) {
    return SCORE + "_" + algorithm.id();
  }

  public double fusionThreshold() {
    return core.fusionThreshold;
  }

  public double ratingPercentile() {
    return core.ratingPercentile;
  }

  /** Each algorithm's weight in the fused score (equal unless labels chose them). */
  public Map<Algorithm, Double> weights() {
    Map<Algorithm, Double> out = new EnumMap<>(Algorithm.class);
    for (int a = 0; a < core.algorithms.length; a++) {
      out.put(core.algorithms[a], core.weights[a]);
    }
    return out;
  }

  /**
   * The fused-score value that labels showed to be best for the perf metric, which the model maps onto
   * the fusion threshold; NaN when no threshold was tuned (unsupervised, or perf metric AUC).
   */
  public double tunedThreshold() {
    return core.tunedThreshold;
  }

  /**
   * {@code data} with {@value #SCORE} (the fused score in [0, 1]) and {@code score_<algorithm>} for each
   * fused algorithm. All other columns are kept. A record with a null or NaN feature gets null scores:
   * impute with a features extractor first.
   */
  public Dataset<Row> predict(Dataset<Row> data) {
    checkColumns(data, "score records");
    List<String> columns = new ArrayList<>();
    columns.add(SCORE);
    for (Algorithm a : core.algorithms) {
      columns.add(scoreColumn(a));
    }
    Dataset<Row> input = data.drop(columns.toArray(String[]::new));
    return ScoringPartitions.predict(input, broadcast(data), core.featureNames, core.algorithms, columns);
  }

  /**
   * The guide's {@code feature_rating}: the rated records of {@code data} (the anomalies plus
   * {@code rating_percentile} % of the others, highest scores first, ties by {@code keyColumn}) with
   * {@code keyColumn}, {@value #SCORE} and {@value #RATINGS}: every feature as {feature, name, rating}, in
   * decreasing order of rating, the ratings summing to 10,000. {@code data} holds the features; an
   * existing score column is recomputed.
   */
  public Dataset<Row> featureRating(Dataset<Row> data, String keyColumn) {
    Dataset<Row> scored = predict(data);
    Column rated = RatedSelection.condition(scored, SCORE, keyColumn, core.fusionThreshold, core.ratingPercentile);
    Broadcast<DetectorCore> b = broadcast(data);
    return scored.where(rated).select(Columns.col(keyColumn), Columns.col(SCORE),
        DetectorUdfs.ratings(b).apply(DetectorUdfs.features(core.featureNames)).as(RATINGS));
  }

  /** A boolean column that is true for the records {@link #featureRating(Dataset, String)} rates, on {@link #predict}'s output. */
  public Column ratedCondition(Dataset<Row> predicted, String keyColumn) {
    return RatedSelection.condition(predicted, SCORE, keyColumn, core.fusionThreshold, core.ratingPercentile);
  }

  /** A column of the feature ratings ({feature, name, rating} in decreasing order) of each record. */
  public Column ratingsColumn(Dataset<Row> data) {
    return DetectorUdfs.ratings(broadcast(data)).apply(DetectorUdfs.features(core.featureNames));
  }

  /**
   * A column of each record's {@link io.vigil.runtime.analytics.Explanations#TYPE} struct (rank and rating
   * by feature index, and the pattern of the top {@code patternLength} features).
   */
  public Column explanationColumn(Dataset<Row> data, int patternLength) {
    return DetectorUdfs.explain(broadcast(data), patternLength).apply(DetectorUdfs.features(core.featureNames));
  }

  /** The scores of one record, {@code features} in {@link #featureNames()} order; no Spark involved. */
  public DetectionScore score(double[] features) {
    double[] s = core.scores(check(features));
    Map<Algorithm, Double> own = new EnumMap<>(Algorithm.class);
    for (int a = 0; a < core.algorithms.length; a++) {
      own.put(core.algorithms[a], s[a + 1]);
    }
    return new DetectionScore(s[0], own);
  }

  /** True when {@code score} makes a record an anomaly. */
  public boolean isAnomaly(double score) {
    return score >= core.fusionThreshold;
  }

  /** The feature ratings of one record (whether or not it would be selected for rating); no Spark involved. */
  public FeatureRating rate(double[] features) {
    return core.rate(check(features));
  }

  /**
   * The explanation of one record (its ranks, ratings and pattern of at most {@code patternLength}
   * features), as the evaluation columns hold it for a rated record; no Spark involved.
   */
  public Explanation explain(double[] features, int patternLength) {
    return core.explain(check(features), patternLength);
  }

  private double[] check(double[] features) {
    if (features.length != core.features()) {
      throw RuntimeErrors.recordFeatureCountWrong("score record", features.length, "detector", core.featureNames);
    }
    for (int i = 0; i < features.length; i++) {
      if (!Double.isFinite(features[i])) {
        throw RuntimeErrors.recordFeatureNotFinite("score record", core.featureNames.get(i), features[i]);
      }
    }
    return features;
  }

  private void checkColumns(Dataset<Row> data, String verb) {
    List<String> names = List.of(data.columns());
    for (String f : core.featureNames) {
      if (!names.contains(f)) {
        throw RuntimeErrors.featureColumnNotFound(verb, f, names);
      }
    }
    for (StructField field : data.schema().fields()) {
      if (core.featureNames.contains(field.name()) && !(field.dataType() instanceof org.apache.spark.sql.types.NumericType)) {
        throw RuntimeErrors.featureColumnNotNumeric(verb, field.name(), field.dataType().simpleString());
      }
    }
  }

  private Broadcast<DetectorCore> broadcast(Dataset<Row> data) {
    return JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()).broadcast(core);
  }

  @Override
  public void save(Path dir) {
    ModelFolder.create(dir, KIND);
    ObjectNode node = ModelFolder.object();
    ArrayNode names = node.putArray("features");
    core.featureNames.forEach(names::add);
    node.set("scaler", core.scaler.toJson());
    ArrayNode algorithms = node.putArray("algorithms");
    for (int a = 0; a < core.algorithms.length; a++) {
      algorithms.addObject().put("id", core.algorithms[a].id()).put("median", core.median[a]).put("scale", core.scale[a])
          .put("weight", core.weights[a]);
    }
    node.set("hbos", core.hbos.toJson());
    node.put("fusion_threshold", core.fusionThreshold);
    if (!Double.isNaN(core.tunedThreshold)) {
      node.put("tuned_threshold", core.tunedThreshold);
    }
    node.put("rating_percentile", core.ratingPercentile);
    ModelFolder.write(dir, FILE, node, KIND);
    if (core.forest != null) {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(FOREST))))) {
        core.forest.write(out);
      } catch (IOException e) {
        throw RuntimeErrors.modelUnwritable(KIND, dir, e);
      }
    }
  }

  /** Reads a model written by {@link #save}; needs no SparkSession. */
  public static DetectorModel load(Path dir) {
    ModelFolder.expect(dir, KIND);
    JsonNode node = ModelFolder.read(dir, FILE, KIND);
    List<String> names = new ArrayList<>();
    ModelFolder.required(node, "features", dir, KIND).forEach(n -> names.add(n.asText()));
    JsonNode algorithms = ModelFolder.required(node, "algorithms", dir, KIND);
    int k = algorithms.size();
    Algorithm[] algos = new Algorithm[k];
    double[] median = new double[k];
    double[] scale = new double[k];
    double[] weights = new double[k];
    for (int a = 0; a < k; a++) {
      JsonNode n = algorithms.get(a);
      algos[a] = Algorithm.ofId(n.path("id").asText());
      median[a] = n.path("median").asDouble();
      scale[a] = n.path("scale").asDouble();
      weights[a] = n.path("weight").asDouble();
    }
    IsolationForest forest = null;
    if (List.of(algos).contains(Algorithm.ISOLATION_FOREST)) {
      Path file = dir.resolve(FOREST);
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        forest = IsolationForest.read(in);
      } catch (IOException e) {
        throw RuntimeErrors.modelFileUnreadable(KIND, dir, FOREST, e);
      }
    }
    Scaler scaler = Scaler.fromJson(ModelFolder.required(node, "scaler", dir, KIND));
    Hbos hbos = Hbos.fromJson(ModelFolder.required(node, "hbos", dir, KIND));
    double tuned = node.has("tuned_threshold") ? node.get("tuned_threshold").asDouble() : Double.NaN;
    return new DetectorModel(new DetectorCore(names, scaler, algos, forest, hbos, median, scale, weights,
        node.path("fusion_threshold").asDouble(), tuned, node.path("rating_percentile").asDouble()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DetectorModel m && core.equals(m.core);
  }

  @Override
  public int hashCode() {
    return core.hashCode();
  }
}
