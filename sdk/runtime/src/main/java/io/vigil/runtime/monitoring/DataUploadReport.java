package io.vigil.runtime.monitoring;

import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.dataset.Rejections;
import io.vigil.runtime.report.chart.ChartStyle;
import io.vigil.runtime.report.chart.Charts;
import io.vigil.runtime.report.page.ReportPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data upload report (S1 §21): the files of one upload with the rows read, written and
 * rejected from each, the rows written per dataset, and why rows were rejected, as read back from
 * the rejected-rows tables. Rejection counts add up to the rows rejected.
 */
final class DataUploadReport {
  private DataUploadReport() {}

  static String title(RunContext context, UploadSummary summary) {
    return "Data upload of " + summary.connector() + " for " + context.executionDate().toLocalDate();
  }

  static String render(RunContext context, UploadSummary summary, Path charts) {
    long read = summary.files().stream().mapToLong(UploadSummary.UploadedFile::rowsRead).sum();
    long written = summary.files().stream().mapToLong(UploadSummary.UploadedFile::rowsWritten).sum();
    long rejected = summary.files().stream().mapToLong(UploadSummary.UploadedFile::rowsRejected).sum();
    ReportPage.Builder page = ReportPage.builder(title(context, summary))
        .paragraph("Solution " + context.solution() + ", environment " + summary.environment() + ", execution date "
            + context.executionDate() + ": " + summary.files().size() + (summary.files().size() == 1 ? " file, " : " files, ")
            + (read == 1 ? "1 row" : read + " rows") + " read, " + written + " written, " + rejected + " rejected.");
    page.heading("Files");
    List<List<String>> files = new ArrayList<>();
    for (UploadSummary.UploadedFile f : summary.files()) {
      files.add(List.of(f.key(), Long.toString(f.rowsRead()), Long.toString(f.rowsWritten()), Long.toString(f.rowsRejected()),
          f.rowsRead() == 0 ? "empty file" : "", f.archivedTo() == null ? "" : f.archivedTo()));
    }
    if (files.isEmpty()) {
      page.paragraph("No file was waiting in the landing folder.");
    } else {
      page.table(List.of("file", "rows read", "rows written", "rows rejected", "warning", "archived to"), files);
    }
    page.heading("Datasets written");
    List<List<String>> datasets = new ArrayList<>();
    new TreeMap<>(summary.writtenByDataset()).forEach((d, n) -> datasets.add(List.of(d, Long.toString(n))));
    page.table(List.of("dataset", "rows written"), datasets);
    page.heading("Rejection reasons");
    List<List<String>> reasons = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    for (String dataset : new TreeMap<>(summary.writtenByDataset()).keySet()) {
      for (Map.Entry<String, Long> r : Rejections.reasons(context, dataset, summary.connector()).entrySet()) {
        reasons.add(List.of(dataset, r.getKey(), Long.toString(r.getValue())));
        labels.add(r.getKey());
        counts.add(r.getValue().doubleValue());
      }
    }
    if (reasons.isEmpty()) {
      page.paragraph("No row was rejected.");
    } else {
      page.table(List.of("dataset", "reason", "rows"), reasons);
      for (String dataset : reasons.stream().map(r -> r.get(0)).distinct().toList()) {
        page.paragraph("See the rows of " + dataset + " with: vigil rejected " + dataset + " --execution-date "
            + context.executionDate().toLocalDate() + " --env public.");
      }
      Path png = charts.resolve("reasons.png");
      Charts.bar(png, ChartStyle.of("Rows rejected by reason", "reason", "rows"), labels,
          counts.stream().mapToDouble(Double::doubleValue).toArray());
      page.image("Rows rejected by reason", png);
    }
    if (!summary.files().isEmpty()) {
      Path png = charts.resolve("files.png");
      Charts.bar(png, ChartStyle.of("Rows read per file", "file", "rows"),
          summary.files().stream().map(f -> shortName(f.key())).toList(),
          summary.files().stream().mapToDouble(UploadSummary.UploadedFile::rowsRead).toArray());
      page.image("Rows read per file", png);
    }
    return page.render();
  }

  private static String shortName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
