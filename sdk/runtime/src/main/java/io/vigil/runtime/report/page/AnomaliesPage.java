package io.vigil.runtime.report.page;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code anomalies.html} page saved with a detection model (S1 §5.6): the top anomalies by
 * score, highest first, each with its top features, their values and ratings.
 */
public final class AnomaliesPage {
  private AnomaliesPage() {}

  /**
   * One anomalous record.
   *
   * @param key what identifies the record, e.g. its primary key
   * @param score its anomaly score
   * @param features its top features, most contributing first
   */
  public record Anomaly(String key, double score, List<FeatureRating> features) {
    public Anomaly {
      Objects.requireNonNull(key, "key");
      features = List.copyOf(features);
    }
  }

  /**
   * A feature's share in a record's score.
   *
   * @param feature the feature name
   * @param value the record's value of it, as text
   * @param rating its rating; the ratings of a record sum to 10,000 (shown as a percentage)
   */
  public record FeatureRating(String feature, String value, double rating) {
    public FeatureRating {
      Objects.requireNonNull(feature, "feature");
    }
  }

  /**
   * Writes the page: at most {@code top} anomalies (highest score first, ties by key), each with at
   * most {@code topFeatures} features in the given order.
   */
  public static void write(Path html, String title, List<Anomaly> anomalies, int top, int topFeatures) {
    List<Anomaly> shown = anomalies.stream()
        .sorted(Comparator.comparingDouble(Anomaly::score).reversed().thenComparing(Anomaly::key))
        .limit(top).toList();
    StringBuilder rows = new StringBuilder("<tr><th>#</th><th>Record</th><th>Score</th><th>Top features</th></tr>\n");
    int rank = 1;
    for (Anomaly a : shown) {
      rows.append("<tr><td class=\"num\">").append(rank++).append("</td><td>").append(Html.escape(a.key()))
          .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.4f", a.score())).append("</td><td><ol>");
      a.features().stream().limit(topFeatures).forEach(f -> rows.append("<li><b>").append(Html.escape(f.feature()))
          .append("</b> = ").append(Html.escape(f.value())).append(" (")
          .append(String.format(Locale.ROOT, "%.2f", f.rating() / 100.0)).append(" %)</li>"));
      rows.append("</ol></td></tr>\n");
    }
    String note = shown.size() + " of " + anomalies.size() + " anomalies, highest score first";
    TablePage.write(html, title, note, rows.toString());
  }
}
