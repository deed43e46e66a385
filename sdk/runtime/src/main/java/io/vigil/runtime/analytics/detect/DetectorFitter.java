package io.vigil.runtime.analytics.detect;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.vigil.runtime.analytics.Columns;
import io.vigil.runtime.analytics.metrics.BinaryMetrics;
import io.vigil.runtime.analytics.metrics.PerfMetric;
import io.vigil.runtime.analytics.scaling.Scaler;
import io.vigil.runtime.analytics.scaling.Scalers;
import io.vigil.runtime.errors.RuntimeErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/** The Spark side of {@link Detector#fit}: statistics, samples and histograms as Spark jobs; trees on the driver. */
final class DetectorFitter {
  /** Records scored to calibrate each algorithm (a sample when there are more). */
  static final int CALIBRATION_SAMPLE = 100_000;
  /** Labelled records per class used to choose the fusion weights and threshold. */
  static final int LABEL_SAMPLE = 50_000;
  private static final String VERB = "fit detector";

  private final DetectorSettings settings;
  private final Dataset<Row> data;
  private final List<String> features;
  private final String label;
  private final Algorithm[] algorithms;

  DetectorFitter(DetectorSettings settings, Dataset<Row> data, List<String> features, String label) {
    this.settings = settings;
    this.data = data;
    this.features = List.copyOf(features);
    this.label = label;
    List<Algorithm> chosen = new ArrayList<>();
    for (Algorithm a : Algorithm.values()) {
      if (settings.algorithms().contains(a)) {
        chosen.add(a);
      }
    }
    this.algorithms = chosen.toArray(Algorithm[]::new);
  }

  DetectorCore fit() {
    checkColumns();
    Dataset<Row> normal = label == null ? data : data.where(Columns.col(label).notEqual(lit(1)));
    Dataset<Row> training = normal.select(features.stream().map(f -> Columns.col(f).cast("double").as(f)).toArray(Column[]::new))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = countComplete(training);
      Scaler scaler = Scalers.fit(training, features, settings.normalization());
      IsolationForest forest = List.of(algorithms).contains(Algorithm.ISOLATION_FOREST) ? forest(training, n, scaler) : null;
      Hbos hbos = histograms(training, n, scaler);
      double[] weights = new double[algorithms.length];
      java.util.Arrays.fill(weights, 1.0 / algorithms.length);
      DetectorCore core = new DetectorCore(features, scaler, algorithms, forest, hbos, new double[algorithms.length],
          ones(algorithms.length), weights, settings.fusionThreshold(), Double.NaN, settings.ratingPercentile());
      core = calibrate(core, training, n);
      return label == null ? core : tune(core);
    } finally {
      training.unpersist();
    }
  }

  private static double[] ones(int n) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, 1.0);
    return out;
  }

  private void checkColumns() {
    if (features.isEmpty()) {
      throw RuntimeErrors.fitWithoutFeatures(VERB);
    }
    for (String f : features) {
      StructField field = field(f);
      if (!(field.dataType() instanceof NumericType)) {
        throw RuntimeErrors.fitFeatureNotNumeric(VERB, f, field.dataType().simpleString());
      }
    }
    if (label != null) {
      StructField field = field(label);
      if (!(field.dataType() instanceof NumericType)) {
        throw RuntimeErrors.detectorLabelColumnNotNumeric(VERB, label, field.dataType().simpleString());
      }
      Column y = Columns.col(label);
      Row r = data.agg(sum(when(y.isNull().or(y.isin(1, 0, -1).equalTo(lit(false))), 1L).otherwise(0L)),
          sum(when(y.equalTo(1), 1L).otherwise(0L))).first();
      if (!r.isNullAt(0) && r.getLong(0) > 0) {
        throw RuntimeErrors.detectorLabelValuesInvalid(VERB, label, r.getLong(0));
      }
      if (r.isNullAt(1) || r.getLong(1) == 0) {
        throw RuntimeErrors.detectorLabelsWithoutAnomaly(VERB, label);
      }
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

  /** The number of training records, after checking none has a missing feature. */
  private long countComplete(Dataset<Row> training) {
    List<Column> aggs = new ArrayList<>();
    for (String f : features) {
      aggs.add(sum(when(Columns.missing(Columns.col(f)), 1L).otherwise(0L)));
    }
    Row r = training.agg(count(lit(1)), aggs.toArray(Column[]::new)).first();
    long n = r.getLong(0);
    if (n == 0) {
      throw RuntimeErrors.fitWithoutRecords(VERB, label != null);
    }
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      long missing = r.isNullAt(i + 1) ? 0 : r.getLong(i + 1);
      if (missing > 0) {
        bad.add(features.get(i) + " (" + missing + ")");
      }
    }
    if (!bad.isEmpty()) {
      throw RuntimeErrors.fitFeatureValuesMissing(VERB, bad);
    }
    return n;
  }

  /** Samples about t·ψ records on Spark, then grows the trees on the driver. */
  private IsolationForest forest(Dataset<Row> training, long n, Scaler scaler) {
    double wanted = 1.1 * settings.trees() * (double) settings.sampleSize();
    Dataset<Row> sample = wanted >= n ? training : training.sample(false, wanted / n, settings.seed());
    List<Row> rows = sample.collectAsList();
    if (rows.isEmpty()) {
      rows = training.limit(settings.sampleSize()).collectAsList();
    }
    double[][] pool = new double[rows.size()][];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = scaler.apply(DetectorUdfs.values(rows.get(i)));
    }
    return IsolationForest.grow(pool, settings.trees(), settings.sampleSize(), settings.seed(), settings.threads());
  }

  /** Equal-width bins over each scaled feature's training range, counted by one Spark grouping. */
  private Hbos histograms(Dataset<Row> training, long n, Scaler scaler) {
    int k = features.size();
    int bins = settings.histogramBins() > 0 ? settings.histogramBins()
        : (int) Math.max(10, Math.min(1000, Math.round(Math.sqrt(n))));
    double[] lo = new double[k];
    double[] hi = new double[k];
    for (int i = 0; i < k; i++) {
      // Every normalization is increasing, so the scaled range is the scaled raw range.
      lo[i] = scaler.apply(i, scaler.min(i));
      hi[i] = scaler.apply(i, scaler.max(i));
    }
    UDF1<Row, int[]> binOf = row -> {
      double[] x = DetectorUdfs.values(row);
      int[] out = new int[x.length];
      for (int i = 0; i < x.length; i++) {
        out[i] = Hbos.bin(scaler.apply(i, x[i]), lo[i], hi[i], bins);
      }
      return out;
    };
    UserDefinedFunction udf = functions.udf(binOf, DataTypes.createArrayType(DataTypes.IntegerType, false));
    List<Row> counted = training.select(posexplode(udf.apply(DetectorUdfs.features(features))).as(new String[] {"f", "b"}))
        .groupBy("f", "b").agg(count(lit(1)).as("n")).collectAsList();
    long[][] counts = new long[k][bins];
    for (Row r : counted) {
      int b = Math.min(bins - 1, Math.max(0, r.getInt(1)));
      counts[r.getInt(0)][b] += r.getLong(2);
    }
    return new Hbos(lo, hi, counts);
  }

  /** Median and MAD of each algorithm's raw scores on (a sample of) the training records, exactly, on Spark. */
  private DetectorCore calibrate(DetectorCore core, Dataset<Row> training, long n) {
    Dataset<Row> sample = n <= CALIBRATION_SAMPLE ? training : training.sample(false, (double) CALIBRATION_SAMPLE / n, settings.seed() + 1);
    Broadcast<DetectorCore> b = JavaSparkContext.fromSparkContext(training.sparkSession().sparkContext()).broadcast(core);
    Dataset<Row> raw = sample.select(DetectorUdfs.raw(b).apply(DetectorUdfs.features(features)).as("r"));
    List<Column> columns = new ArrayList<>();
    for (int a = 0; a < algorithms.length; a++) {
      columns.add(col("r").getItem(a).as("r" + a));
    }
    raw = raw.select(columns.toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int k = algorithms.length;
      List<Column> medians = new ArrayList<>();
      for (int a = 0; a < k; a++) {
        medians.add(expr("percentile(r" + a + ", 0.5)"));
        medians.add(stddev_pop(col("r" + a)));
      }
      Row m = raw.agg(medians.get(0), medians.subList(1, medians.size()).toArray(Column[]::new)).first();
      double[] median = new double[k];
      double[] std = new double[k];
      List<Column> mads = new ArrayList<>();
      Dataset<Row> deviations = raw;
      for (int a = 0; a < k; a++) {
        median[a] = m.getDouble(2 * a);
        std[a] = m.getDouble(2 * a + 1);
        deviations = deviations.withColumn("d" + a, abs(col("r" + a).minus(lit(median[a]))));
        mads.add(expr("percentile(d" + a + ", 0.5)"));
      }
      Row d = deviations.agg(mads.get(0), mads.subList(1, mads.size()).toArray(Column[]::new)).first();
      double[] scale = new double[k];
      for (int a = 0; a < k; a++) {
        double mad = d.getDouble(a) * DetectorCore.MAD_TO_SIGMA;
        // A degenerate spread (most training records alike) falls back to σ, then to 1.
        scale[a] = mad > 0 ? mad : std[a] > 0 ? std[a] : 1.0;
      }
      return core.withCalibration(median, scale);
    } finally {
      raw.unpersist();
    }
  }

  /** Chooses the fusion weights (AUC) and the threshold (perf metric) on a sample of the labelled records. */
  private DetectorCore tune(DetectorCore core) {
    Column y = Columns.col(label);
    Row counts = data.agg(sum(when(y.equalTo(1), 1L).otherwise(0L)), sum(when(y.equalTo(-1), 1L).otherwise(0L)),
        sum(when(y.equalTo(0), 1L).otherwise(0L))).first();
    long positives = counts.getLong(0);
    long normals = counts.getLong(1);
    long unknowns = counts.getLong(2);
    int negativeLabel = normals > 0 ? -1 : 0;
    long negatives = normals > 0 ? normals : unknowns;
    if (negatives == 0) {
      throw RuntimeErrors.detectorLabelsAllAnomalies(VERB, label);
    }
    Column[] selected = new Column[features.size() + 1];
    for (int i = 0; i < features.size(); i++) {
      selected[i] = Columns.col(features.get(i)).cast("double");
    }
    selected[features.size()] = y.cast("int");
    List<Row> rows = new ArrayList<>();
    rows.addAll(sampled(data.where(y.equalTo(1)), positives).select(selected).collectAsList());
    rows.addAll(sampled(data.where(y.equalTo(negativeLabel)), negatives).select(selected).collectAsList());
    int k = algorithms.length;
    double[][] p = new double[rows.size()][];
    boolean[] positive = new boolean[rows.size()];
    for (int r = 0; r < p.length; r++) {
      Row row = rows.get(r);
      double[] x = new double[features.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = row.isNullAt(i) ? Double.NaN : row.getDouble(i);
      }
      if (!DetectorCore.complete(x)) {
        throw RuntimeErrors.fitLabelledFeatureMissing(VERB);
      }
      p[r] = core.scores(x);
      positive[r] = row.getInt(features.size()) == 1;
    }
    double[] weights = core.weights.clone();
    if (k == 2) {
      double bestAuc = -1;
      for (int step = 0; step <= 20; step++) {
        double w = step / 20.0;
        double auc = BinaryMetrics.auc(fuse(p, new double[] {w, 1 - w}), positive);
        if (auc > bestAuc + 1e-12 || (Math.abs(auc - bestAuc) <= 1e-12 && Math.abs(w - 0.5) < Math.abs(weights[0] - 0.5))) {
          bestAuc = auc;
          weights = new double[] {w, 1 - w};
        }
      }
    }
    double tuned = Double.NaN;
    double ft = settings.fusionThreshold();
    if (settings.perfMetric() != PerfMetric.AUC && ft > 0 && ft < 1) {
      double t = BinaryMetrics.bestThreshold(fuse(p, weights), positive, settings.perfMetric(), settings.betaForF());
      if (t > 0 && t < 1) {
        tuned = t;
      }
    }
    return core.withFusion(weights, tuned);
  }

  private Dataset<Row> sampled(Dataset<Row> rows, long count) {
    return count <= LABEL_SAMPLE ? rows : rows.sample(false, (double) LABEL_SAMPLE / count, settings.seed() + 2);
  }

  /** The fused score before any threshold mapping, from {fused, p0, p1, …} rows. */
  private static double[] fuse(double[][] p, double[] weights) {
    double[] out = new double[p.length];
    for (int r = 0; r < p.length; r++) {
      double s = 0;
      for (int a = 0; a < weights.length; a++) {
        s += weights[a] * p[r][a + 1];
      }
      out[r] = Math.min(1.0, Math.max(0.0, s));
    }
    return out;
  }
}
