package io.vigil.runtime.analytics.classify;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.vigil.runtime.analytics.Columns;
import io.vigil.runtime.analytics.scaling.Scaler;
import io.vigil.runtime.analytics.scaling.Scalers;
import io.vigil.runtime.errors.RuntimeErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/** The Spark side of {@link Classifier#fit}: MLlib learns, then the learnt trees or coefficients are copied out. */
final class ClassifierFitter {
  private static final String VERB = "fit classifier";

  /** A fitted core with the MLlib models it was copied from (one per binary problem, or one). */
  record Fitted(ClassifierCore core, List<Object> sparkModels, Dataset<Row> vectors) {}

  private final ClassifierSettings settings;
  private final Dataset<Row> data;
  private final List<String> features;
  private final String label;

  ClassifierFitter(ClassifierSettings settings, Dataset<Row> data, List<String> features, String label) {
    this.settings = settings;
    this.data = data;
    this.features = List.copyOf(features);
    this.label = label;
  }

  /** Fits; the caller unpersists {@link Fitted#vectors()}. */
  Fitted fit() {
    check();
    Column y = Columns.col(label);
    Dataset<Row> labelled = data.where(y.gt(lit(0)));
    int classes = classes(labelled);
    checkComplete(labelled);
    Scaler scaler = Scalers.fit(labelled, features, settings.normalization());
    Dataset<Row> vectors = labelled.select(ClassifierUdfs.scaledVector(scaler).apply(ClassifierUdfs.features(features)).as("v"),
        y.cast("double").as("y")).persist(StorageLevel.MEMORY_AND_DISK());
    Vector mean = vectors.select(Summarizer.mean(col("v")).as("m")).first().getAs(0);
    List<Object> models = new ArrayList<>();
    ClassifierCore core;
    if (settings.algorithm() instanceof ClassifierAlgorithm.GradientBoostedTrees gbt) {
      List<TreeEnsemble> ensembles = new ArrayList<>();
      List<Integer> targets = classes == 2 ? List.of(2) : java.util.stream.IntStream.rangeClosed(1, classes).boxed().toList();
      for (int target : targets) {
        Dataset<Row> binary = vectors.withColumn("t", when(col("y").equalTo(target), 1.0).otherwise(0.0));
        GBTClassificationModel model = new GBTClassifier().setFeaturesCol("v").setLabelCol("t").setMaxIter(gbt.iterations())
            .setMaxDepth(gbt.maxDepth()).setStepSize(gbt.stepSize()).setSubsamplingRate(gbt.subsamplingRate())
            .setSeed(settings.seed()).fit(binary);
        models.add(model);
        ensembles.add(export(model));
      }
      core = new ClassifierCore(features, scaler, classes, ensembles.toArray(TreeEnsemble[]::new), null, null, mean.toArray());
    } else {
      ClassifierAlgorithm.LogisticRegression lr = (ClassifierAlgorithm.LogisticRegression) settings.algorithm();
      LogisticRegressionModel model = new LogisticRegression().setFeaturesCol("v").setLabelCol("t").setMaxIter(lr.iterations())
          .setRegParam(lr.regParam()).setFamily(classes == 2 ? "binomial" : "multinomial")
          .fit(vectors.withColumn("t", col("y").minus(1.0)));
      models.add(model);
      double[][] coefficients;
      double[] intercepts;
      if (classes == 2) {
        coefficients = new double[][] {model.coefficients().toArray()};
        intercepts = new double[] {model.intercept()};
      } else {
        Matrix m = model.coefficientMatrix();
        coefficients = new double[classes][features.size()];
        for (int c = 0; c < classes; c++) {
          for (int i = 0; i < features.size(); i++) {
            coefficients[c][i] = m.apply(c, i);
          }
        }
        intercepts = model.interceptVector().toArray();
      }
      core = new ClassifierCore(features, scaler, classes, null, coefficients, intercepts, mean.toArray());
    }
    return new Fitted(core, models, vectors);
  }

  private void check() {
    if (features.isEmpty()) {
      throw RuntimeErrors.fitWithoutFeatures(VERB);
    }
    for (String f : features) {
      StructField field = field(f);
      if (!(field.dataType() instanceof NumericType)) {
        throw RuntimeErrors.fitFeatureNotNumeric(VERB, f, field.dataType().simpleString());
      }
    }
    StructField field = field(label);
    if (!(field.dataType() instanceof IntegralType) && !(field.dataType() instanceof DecimalType d && d.scale() == 0)) {
      throw RuntimeErrors.classifierLabelColumnNotIntegral(VERB, label, field.dataType().simpleString());
    }
  }

  private StructField field(String name) {
    for (StructField f : data.schema().fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw RuntimeErrors.columnNotFound(VERB, name, List.of(data.columns()));
  }

  /** N, after checking that the labels are 1..N with every class present. */
  private int classes(Dataset<Row> labelled) {
    Column y = Columns.col(label);
    Row r = data.agg(sum(when(y.isNull().or(y.lt(0)), 1L).otherwise(0L)), count(when(y.gt(0), y)), min(when(y.gt(0), y)),
        max(when(y.gt(0), y)), countDistinct(when(y.gt(0), y))).first();
    long bad = r.isNullAt(0) ? 0 : r.getLong(0);
    if (bad > 0) {
      throw RuntimeErrors.classifierLabelsNegative(VERB, label, bad);
    }
    long n = r.getLong(1);
    if (n == 0) {
      throw RuntimeErrors.classifierTrainingUnlabelled(VERB);
    }
    long maxClass = ((Number) r.get(3)).longValue();
    long distinct = r.getLong(4);
    if (maxClass < 2 || distinct != maxClass) {
      throw RuntimeErrors.classifierClassesIncomplete(VERB, label, distinct, maxClass);
    }
    return (int) maxClass;
  }

  private void checkComplete(Dataset<Row> labelled) {
    List<Column> aggs = new ArrayList<>();
    for (String f : features) {
      aggs.add(sum(when(Columns.missing(Columns.col(f).cast("double")), 1L).otherwise(0L)));
    }
    Row r = labelled.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      if (!r.isNullAt(i) && r.getLong(i) > 0) {
        bad.add(features.get(i) + " (" + r.getLong(i) + ")");
      }
    }
    if (!bad.isEmpty()) {
      throw RuntimeErrors.fitFeatureValuesMissing(VERB, bad);
    }
  }

  /** Copies MLlib's trees into flat arrays, nodes in preorder. */
  static TreeEnsemble export(GBTClassificationModel model) {
    DecisionTreeRegressionModel[] trees = model.trees();
    List<int[]> structure = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    int[] roots = new int[trees.length];
    for (int t = 0; t < trees.length; t++) {
      roots[t] = structure.size();
      add(trees[t].rootNode(), structure, values);
    }
    int n = structure.size();
    int[] feature = new int[n];
    int[] left = new int[n];
    int[] right = new int[n];
    double[] threshold = new double[n];
    double[] prediction = new double[n];
    for (int i = 0; i < n; i++) {
      feature[i] = structure.get(i)[0];
      left[i] = structure.get(i)[1];
      right[i] = structure.get(i)[2];
      threshold[i] = values.get(i)[0];
      prediction[i] = values.get(i)[1];
    }
    return new TreeEnsemble(model.treeWeights().clone(), roots, feature, threshold, prediction, left, right);
  }

  private static int add(Node node, List<int[]> structure, List<double[]> values) {
    int id = structure.size();
    int[] s = {-1, -1, -1};
    double[] v = {0.0, node.prediction()};
    structure.add(s);
    values.add(v);
    if (node instanceof InternalNode internal) {
      if (!(internal.split() instanceof ContinuousSplit split)) {
        throw new IllegalStateException("Cannot export tree: a categorical split; features must be continuous");
      }
      s[0] = split.featureIndex();
      v[0] = split.threshold();
      s[1] = add(internal.leftChild(), structure, values);
      s[2] = add(internal.rightChild(), structure, values);
    }
    return id;
  }
}
