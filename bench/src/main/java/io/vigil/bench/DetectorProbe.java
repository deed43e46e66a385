package io.vigil.bench;

import static org.apache.spark.sql.functions.col;

import io.vigil.runtime.analytics.detect.Detector;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.detect.DetectorSettings;
import io.vigil.runtime.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One measurement of Vigil's detector in its own JVM (started by {@link DetectorBenchmark}): fit and
 * score {@code rows} records of {@link PlantedData} on local[2] Spark, then the plain-Java scorer on
 * two threads. Prints {@code RESULT <key> <value>} lines.
 */
public final class DetectorProbe {
  static final String PREFIX = "RESULT ";

  private DetectorProbe() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    SparkSession spark = SparkSessions.getOrCreate(SparkSessions.merge(SparkSessions.defaults("local[2]"),
        Map.of("spark.sql.shuffle.partitions", "2", "spark.default.parallelism", "2")));
    List<String> features = new ArrayList<>();
    StructType schema = new StructType().add("id", DataTypes.LongType).add("label", DataTypes.IntegerType);
    for (int j = 0; j < PlantedData.FEATURES; j++) {
      features.add("f" + j);
      schema = schema.add("f" + j, DataTypes.DoubleType);
    }
    MapFunction<Long, Row> generate = id -> {
      double[] x = new double[PlantedData.FEATURES];
      Object[] values = new Object[PlantedData.FEATURES + 2];
      values[0] = id;
      values[1] = PlantedData.row(id, x) ? 1 : 0;
      for (int j = 0; j < x.length; j++) {
        values[j + 2] = x[j];
      }
      return RowFactory.create(values);
    };
    long t = System.nanoTime();
    Dataset<Row> data = spark.range(0, rows, 1, 2).map(generate, Encoders.row(schema)).cache();
    data.count();
    report("load_s", seconds(t));

    t = System.nanoTime();
    DetectorModel model = Detector.of(DetectorSettings.builder().threads(2).build()).fit(data, features);
    report("train_s", seconds(t));

    t = System.nanoTime();
    model.predict(data).select("score", "score_iforest", "score_hbos").write().format("noop").mode("overwrite").save();
    double score = seconds(t);
    report("score_s", score);
    report("score_rows_per_s", rows / score);
    report("peak_rss_mib", peakRssMib());

    Dataset<Row> predicted = model.predict(data).select(col("score"), col("score_iforest"), col("label").cast("double").as("y")).cache();
    BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator().setLabelCol("y").setNumBins(0);
    report("auc", auc.setRawPredictionCol("score").evaluate(predicted));
    report("auc_iforest", auc.setRawPredictionCol("score_iforest").evaluate(predicted));
    predicted.unpersist();
    report("anomalies", model.predict(data).where(col("score").geq(model.fusionThreshold())).count());
    model.save(Path.of(args[1]).resolve("model"));
    report("model_bytes", folderBytes(Path.of(args[1]).resolve("model")));
    data.unpersist();
    spark.stop();
    report("plain_rows_per_s", plain(model, 2, 200_000, 5));
  }

  /** Rows per second of {@link DetectorModel#score(double[])} on {@code threads} threads, no Spark. */
  private static double plain(DetectorModel model, int threads, int size, int passes) throws Exception {
    double[][] x = new double[size][PlantedData.FEATURES];
    for (int i = 0; i < size; i++) {
      PlantedData.row(i, x[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long t = System.nanoTime();
      List<Future<Double>> parts = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        int from = k * size / threads;
        int to = (k + 1) * size / threads;
        parts.add(pool.submit(() -> {
          double sum = 0;
          for (int p = 0; p < passes; p++) {
            for (int i = from; i < to; i++) {
              sum += model.score(x[i]).score();
            }
          }
          return sum;
        }));
      }
      double check = 0;
      for (Future<Double> f : parts) {
        check += f.get();
      }
      double s = seconds(t);
      if (Double.isNaN(check)) {
        throw new IllegalStateException("NaN score");
      }
      return (double) size * passes / s;
    } finally {
      pool.shutdown();
    }
  }

  private static long folderBytes(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static double peakRssMib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void report(String key, double value) {
    System.out.println(PREFIX + key + " " + value);
  }
}
