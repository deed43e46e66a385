package io.vigil.runtime.analytics.classify;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.runtime.analytics.Columns;
import io.vigil.runtime.analytics.Explanation;
import io.vigil.runtime.analytics.FeatureRating;
import io.vigil.runtime.analytics.ModelFolder;
import io.vigil.runtime.analytics.TrainedModel;
import io.vigil.runtime.analytics.metrics.ClassificationMetrics;
import io.vigil.runtime.analytics.scaling.Scaler;
import io.vigil.runtime.errors.RuntimeErrors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted {@link Classifier}. Its trees or coefficients are plain arrays copied out of MLlib, so it
 * scores on Spark ({@link #predict}) and one record at a time ({@link #predict(double[])}) with the same
 * function, and loads without Spark.
 */
public final class ClassifierModel implements TrainedModel {
  public static final String KIND = "classifier";
  /** The predicted class column (1..N, the most probable; the lower class on a tie). */
  public static final String CLASSIFICATION = "classification";
  /** {@code probability_<c>} holds the probability of class c. */
  public static final String PROBABILITY_PREFIX = "probability_";
  /** The ratings column of {@link #featureRatingMultiLabs}: array of {feature, name, rating}. */
  public static final String RATINGS = "ratings";
  public static final String CLASS = "class";
  public static final String MAX_SCORE = "max_score";
  /** The struct column {@link #predict} computes the probabilities in before it splits them; it is dropped after. */
  public static final String SCRATCH = "__vigil_p";
  private static final String FILE = "classifier.json";

  private final ClassifierCore core;
  private final double betaForF;

  ClassifierModel(ClassifierCore core, double betaForF) {
    this.core = core;
    this.betaForF = betaForF;
  }

  @Override
  public String kind() {
    return KIND;
  }

  public List<String> featureNames() {
    return core.featureNames;
  }

  /** N: the classes are 1..N. */
  public int classes() {
    return core.classes;
  }

  /** The column of the probability of class {@code c}. */
  public static String probabilityColumn(int c) {
    return PROBABILITY_PREFIX + c;
  }

  /**
   * {@code data} with {@code probability_1} … {@code probability_N} (summing to 1) and
   * {@value #CLASSIFICATION}. Other columns are kept. A record with a null or NaN feature gets nulls.
   */
  public Dataset<Row> predict(Dataset<Row> data) {
    checkColumns(data);
    Broadcast<ClassifierCore> b = broadcast(data);
    Dataset<Row> out = data.withColumn(SCRATCH, ClassifierUdfs.predict(b).apply(ClassifierUdfs.features(core.featureNames)));
    for (int c = 1; c <= core.classes; c++) {
      out = out.withColumn(probabilityColumn(c), out.col(SCRATCH + ".p" + c));
    }
    return out.withColumn(CLASSIFICATION, out.col(SCRATCH + ".classification")).drop(SCRATCH);
  }

  /** The probabilities of classes 1..N (index 0..N−1) of one record; no Spark involved. */
  public double[] predict(double[] features) {
    return core.predict(check(features));
  }

  /** The most probable class (1..N) of {@code probabilities}, the lower one on a tie. */
  public static int classOf(double[] probabilities) {
    return ClassifierCore.argmax(probabilities);
  }

  /**
   * The guide's {@code evaluation_metric}: predicts {@code data} and compares with {@code labelColumn}
   * (records labelled 0 are left out). Two classes: class 2 is the positive one (AUC of its probability;
   * precision, recall, F1, Fβ of predicting it). More: unweighted means over the classes, one against
   * the rest. Accuracy is over all classes. Computed on Spark; AUC exactly (no binning).
   */
  public ClassificationMetrics evaluationMetric(Dataset<Row> data, String labelColumn) {
    Column y = Columns.col(labelColumn);
    Dataset<Row> predicted = predict(data.where(y.gt(0))).withColumn("__y", y.cast("int"));
    List<Row> confusion = predicted.where(col(CLASSIFICATION).isNotNull()).groupBy("__y", CLASSIFICATION).agg(count(lit(1)))
        .collectAsList();
    int n = core.classes;
    long[][] m = new long[n + 1][n + 1];
    long total = 0;
    long correct = 0;
    for (Row r : confusion) {
      int actual = r.getInt(0);
      int guess = r.getInt(1);
      if (actual < 1 || actual > n) {
        throw RuntimeErrors.classifierLabelUnknown(labelColumn, actual, n);
      }
      m[actual][guess] += r.getLong(2);
      total += r.getLong(2);
      if (actual == guess) {
        correct += r.getLong(2);
      }
    }
    if (total == 0) {
      throw RuntimeErrors.classifierEvaluationUnlabelled();
    }
    double accuracy = (double) correct / total;
    List<Integer> positives = n == 2 ? List.of(2) : java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
    double auc = 0;
    double f1 = 0;
    double fbeta = 0;
    double precision = 0;
    double recall = 0;
    for (int c : positives) {
      long tp = m[c][c];
      long fp = 0;
      long fn = 0;
      for (int o = 1; o <= n; o++) {
        if (o != c) {
          fp += m[o][c];
          fn += m[c][o];
        }
      }
      ClassificationMetrics one = ClassificationMetrics.of(auc(predicted, c), tp, fp, fn, total - tp - fp - fn, betaForF);
      auc += one.auc();
      f1 += one.f1();
      fbeta += one.fbeta();
      precision += one.precision();
      recall += one.recall();
    }
    int k = positives.size();
    return new ClassificationMetrics(auc / k, f1 / k, fbeta / k, accuracy, precision / k, recall / k);
  }

  private static double auc(Dataset<Row> predicted, int c) {
    Dataset<Row> scored = predicted.where(col(probabilityColumn(c)).isNotNull())
        .select(col(probabilityColumn(c)).as("s"), when(col("__y").equalTo(c), 1.0).otherwise(0.0).as("t"));
    return new BinaryClassificationEvaluator().setRawPredictionCol("s").setLabelCol("t").setMetricName("areaUnderROC")
        .setNumBins(0).evaluate(scored);
  }

  /**
   * The guide's {@code feature_rating_multi_labs}: for every record of {@code data}, {@code keyColumn},
   * {@value #CLASS} (from {@code classColumn} when given, else the predicted class), {@value #MAX_SCORE}
   * (the highest probability) and {@value #RATINGS}: every feature as {feature, name, rating} towards that
   * class, decreasing, summing to 10,000.
   */
  public Dataset<Row> featureRatingMultiLabs(Dataset<Row> data, String keyColumn, String classColumn) {
    Dataset<Row> predicted = predict(data);
    Column cls = classColumn == null ? col(CLASSIFICATION) : Columns.col(classColumn).cast("int");
    Column[] probabilities = new Column[core.classes];
    for (int c = 1; c <= core.classes; c++) {
      probabilities[c - 1] = col(probabilityColumn(c));
    }
    Broadcast<ClassifierCore> b = broadcast(data);
    return predicted.select(Columns.col(keyColumn), cls.as(CLASS), greatest(probabilities).as(MAX_SCORE),
        ClassifierUdfs.ratings(b).apply(ClassifierUdfs.features(core.featureNames), cls).as(RATINGS));
  }

  /** A column of the feature ratings of each record towards the class in {@code classColumn}. */
  public Column ratingsColumn(Dataset<Row> data, Column classColumn) {
    return ClassifierUdfs.ratings(broadcast(data)).apply(ClassifierUdfs.features(core.featureNames), classColumn);
  }

  /** A column of each record's {@link io.vigil.runtime.analytics.Explanations#TYPE} struct towards the class in {@code classColumn}. */
  public Column explanationColumn(Dataset<Row> data, Column classColumn, int patternLength) {
    return ClassifierUdfs.explain(broadcast(data), patternLength).apply(ClassifierUdfs.features(core.featureNames), classColumn);
  }

  /** The feature ratings of one record towards class {@code cls} (1..N); no Spark involved. */
  public FeatureRating rate(double[] features, int cls) {
    if (cls < 1 || cls > core.classes) {
      throw RuntimeErrors.recordClassOutOfRange(cls, core.classes);
    }
    return core.rate(check(features), cls);
  }

  /** The explanation of one record towards class {@code cls} (1..N), as the evaluation columns hold it; no Spark involved. */
  public Explanation explain(double[] features, int cls, int patternLength) {
    if (cls < 1 || cls > core.classes) {
      throw RuntimeErrors.recordClassOutOfRange(cls, core.classes);
    }
    return core.explain(check(features), cls, patternLength);
  }

  private double[] check(double[] features) {
    if (features.length != core.featureNames.size()) {
      throw RuntimeErrors.recordFeatureCountWrong("classify record", features.length, "classifier", core.featureNames);
    }
    for (int i = 0; i < features.length; i++) {
      if (!Double.isFinite(features[i])) {
        throw RuntimeErrors.recordFeatureNotFinite("classify record", core.featureNames.get(i), features[i]);
      }
    }
    return features;
  }

  private void checkColumns(Dataset<Row> data) {
    List<String> names = List.of(data.columns());
    for (String f : core.featureNames) {
      if (!names.contains(f)) {
        throw RuntimeErrors.featureColumnNotFound("classify records", f, names);
      }
    }
  }

  private Broadcast<ClassifierCore> broadcast(Dataset<Row> data) {
    return JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()).broadcast(core);
  }

  @Override
  public void save(Path dir) {
    ModelFolder.create(dir, KIND);
    ObjectNode node = ModelFolder.object();
    ArrayNode names = node.putArray("features");
    core.featureNames.forEach(names::add);
    node.put("classes", core.classes).put("beta_for_f", betaForF);
    node.set("scaler", core.scaler.toJson());
    node.set("centre", ModelFolder.array(core.centre));
    if (core.trees()) {
      node.put("algorithm", "gradient_boosted_trees");
      ArrayNode ensembles = node.putArray("ensembles");
      for (TreeEnsemble e : core.ensembles) {
        ensembles.add(e.toJson());
      }
    } else {
      node.put("algorithm", "logistic_regression");
      ArrayNode rows = node.putArray("coefficients");
      for (double[] row : core.coefficients) {
        rows.add(ModelFolder.array(row));
      }
      node.set("intercepts", ModelFolder.array(core.intercepts));
    }
    ModelFolder.write(dir, FILE, node, KIND);
  }

  /** Reads a model written by {@link #save}; needs no SparkSession. */
  public static ClassifierModel load(Path dir) {
    ModelFolder.expect(dir, KIND);
    JsonNode node = ModelFolder.read(dir, FILE, KIND);
    List<String> names = new ArrayList<>();
    ModelFolder.required(node, "features", dir, KIND).forEach(n -> names.add(n.asText()));
    int classes = ModelFolder.required(node, "classes", dir, KIND).asInt();
    Scaler scaler = Scaler.fromJson(ModelFolder.required(node, "scaler", dir, KIND));
    double[] centre = ModelFolder.doubles(ModelFolder.required(node, "centre", dir, KIND));
    String algorithm = ModelFolder.required(node, "algorithm", dir, KIND).asText();
    ClassifierCore core;
    if (algorithm.equals("gradient_boosted_trees")) {
      JsonNode all = ModelFolder.required(node, "ensembles", dir, KIND);
      TreeEnsemble[] ensembles = new TreeEnsemble[all.size()];
      for (int i = 0; i < ensembles.length; i++) {
        ensembles[i] = TreeEnsemble.fromJson(all.get(i));
      }
      core = new ClassifierCore(names, scaler, classes, ensembles, null, null, centre);
    } else if (algorithm.equals("logistic_regression")) {
      JsonNode rows = ModelFolder.required(node, "coefficients", dir, KIND);
      double[][] coefficients = new double[rows.size()][];
      for (int i = 0; i < coefficients.length; i++) {
        coefficients[i] = ModelFolder.doubles(rows.get(i));
      }
      core = new ClassifierCore(names, scaler, classes, null, coefficients,
          ModelFolder.doubles(ModelFolder.required(node, "intercepts", dir, KIND)), centre);
    } else {
      throw RuntimeErrors.modelAlgorithmUnknown(KIND, dir, algorithm);
    }
    return new ClassifierModel(core, node.path("beta_for_f").asDouble(2.0));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassifierModel m && core.equals(m.core) && Double.compare(betaForF, m.betaForF) == 0;
  }

  @Override
  public int hashCode() {
    return core.hashCode();
  }
}
