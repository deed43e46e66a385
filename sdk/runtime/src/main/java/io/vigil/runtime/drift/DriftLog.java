package io.vigil.runtime.drift;

import static org.apache.spark.sql.functions.col;

import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.metrics.Metrics;
import io.vigil.runtime.report.CsvTable;
import io.vigil.runtime.report.chart.ChartStyle;
import io.vigil.runtime.report.chart.Charts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Puts a drift check into the run's metrics, which go to {@code vigil_meta.job_metrics} and to MLflow
 * (the DAG's experiment, the task's run): every statistic, each feature's CSI and trigger z, and each
 * test's value, threshold and result (1 for PASS, 0 for FAIL), named {@code drift.<flow>.<step>.…};
 * and, as the run's artifacts under {@code drift/<flow>.<step>/}, the results as CSV with PASS and
 * FAIL spelled out, a PNG per feature with the reference distribution beside the current one, and a
 * PNG of the score's.
 */
final class DriftLog {
  static final int CHART_BINS = 30;

  private DriftLog() {}

  static void record(RunContext context, DriftReport report, Dataset<Row> both, List<String> features) {
    Metrics metrics = context.metrics();
    String prefix = prefix(report);
    report.statistics().forEach((k, v) -> metrics.log(prefix + k, v));
    for (FeatureShift f : report.features()) {
      metrics.log(prefix + "csi." + f.feature(), f.csi());
    }
    for (TriggerShift t : report.triggers()) {
      metrics.log(prefix + "trigger_z." + t.feature(), t.z());
    }
    for (DriftTestResult t : report.tests()) {
      metrics.log(prefix + t.name() + ".value", t.value());
      metrics.log(prefix + t.name() + ".threshold", t.threshold());
      metrics.log(prefix + t.name() + ".passed", t.passed() ? 1 : 0);
    }
    metrics.log(prefix + "drifted", report.drifted() ? 1 : 0);
    String folder = "drift/" + report.flow() + "." + report.step() + "/";
    metrics.attach(folder + "results.csv", results(report).getBytes(StandardCharsets.UTF_8));
    charts(report, both, features).forEach((name, png) -> metrics.attach(folder + name, png));
  }

  /** The metric names' prefix of a report. */
  static String prefix(DriftReport report) {
    return "drift." + report.flow() + "." + report.step() + ".";
  }

  /** The guide's final table, then each feature's CSI and trigger z. */
  static String results(DriftReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (DriftTestResult t : report.tests()) {
      rows.add(List.of("test", t.name(), t.result(), t.value(), t.threshold(), t.measures()));
    }
    for (FeatureShift f : report.features()) {
      rows.add(List.of("feature_csi", f.feature(), f.passed() ? "PASS" : "FAIL", f.csi(), "", "CSI"));
    }
    for (TriggerShift t : report.triggers()) {
      rows.add(List.of("trigger_feature", t.feature(), t.passed() ? "PASS" : "FAIL", t.z(), "", "z of the top-3 trigger share"));
    }
    return CsvTable.text(List.of("kind", "name", "result", "value", "threshold", "measures"), rows);
  }

  /** PNGs by file name: each feature's distributions, reference and current overlaid, and the score's. */
  private static Map<String, byte[]> charts(DriftReport report, Dataset<Row> both, List<String> features) {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      columns.add("f" + i);
    }
    columns.add("__score");
    List<String> labels = new ArrayList<>(features);
    labels.add(report.step() + "_score");
    // The sampled records of both sides (at most twice the sample size): the points of the charts.
    List<String> read = new ArrayList<>(columns);
    read.add(0, "__side");
    List<Row> points = both.select(read.stream().map(c -> col(c)).toArray(Column[]::new)).collectAsList();
    Path dir = temporaryFolder();
    try {
      Map<String, byte[]> out = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        int column = i + 1;
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put(Drift.REFERENCE, values(points, Drift.REFERENCE, column));
        series.put(Drift.CURRENT, values(points, Drift.CURRENT, column));
        if (series.values().stream().allMatch(v -> v.length == 0)) {
          continue; // a feature with no value on either side has no distribution to draw
        }
        String name = labels.get(i) + " distribution.png";
        Path png = dir.resolve("chart-" + i + ".png");
        Charts.histograms(png, ChartStyle.of(labels.get(i) + ": reference against " + report.executionDate().toLocalDate(),
            labels.get(i), "records"), series, CHART_BINS);
        out.put(name, Files.readAllBytes(png));
      }
      return out;
    } catch (IOException e) {
      throw RuntimeErrors.chartUnwritable("drift charts of flow " + report.flow() + " step " + report.step(), dir, e);
    } finally {
      deleteTree(dir);
    }
  }

  private static double[] values(List<Row> points, String side, int column) {
    return points.stream().filter(r -> side.equals(r.getString(0)) && !r.isNullAt(column)).mapToDouble(r -> r.getDouble(column))
        .filter(Double::isFinite).toArray();
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("vigil-drift-");
    } catch (IOException e) {
      throw RuntimeErrors.chartUnwritable("drift charts", Path.of(System.getProperty("java.io.tmpdir")), e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary folder is harmless.
    }
  }
}
