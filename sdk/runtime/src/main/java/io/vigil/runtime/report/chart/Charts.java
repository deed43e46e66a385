package io.vigil.runtime.report.chart;

import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Writes PNG charts. Every method draws one chart from plain arrays into {@code png} (replaced if it
 * exists, written through a temporary sibling) and needs no display.
 *
 * @throws VigilException INVALID_ARGUMENT when there is nothing to draw, STORE_FAILURE when the file
 *     cannot be written (on every method)
 */
public final class Charts {
  /** Series colours, in order: blue, red, green, orange, purple, grey. */
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd), new Color(0x7f7f7f)};

  static {
    // Charts are drawn in jobs and servers: never look for a display.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /** A histogram of the finite {@code values} in {@code bins} equal-width bins (see {@link Bins}). */
  public static void histogram(Path png, ChartStyle style, double[] values, int bins) {
    histograms(png, style, Map.of(style.yTitle(), values), bins);
  }

  /**
   * Overlaid histograms of several distributions (a reference and a current one, say) on shared bin
   * edges over the range of all finite values, one translucent series per entry, in map order.
   */
  public static void histograms(Path png, ChartStyle style, Map<String, double[]> series, int bins) {
    List<double[]> all = new ArrayList<>(series.values());
    double[] joined = all.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    Bins range = Bins.of(joined, bins);
    if (range == null) {
      throw RuntimeErrors.chartWithoutData(style.title(), "no finite value");
    }
    XYChart chart = xy(style);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
    chart.getStyler().setLegendVisible(series.size() > 1);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setXAxisDecimalPattern(decimals(range.max() - range.min()));
    int i = 0;
    for (Map.Entry<String, double[]> e : new LinkedHashMap<>(series).entrySet()) {
      Bins b = Bins.of(e.getValue(), bins, range.min(), range.max());
      double[] edges = b.edges();
      double[] heights = new double[edges.length];
      for (int k = 0; k < b.counts().size(); k++) {
        heights[k] = b.counts().get(k);
      }
      // A step chart holds each value until the next x: repeat the last count to close the last bin.
      heights[edges.length - 1] = b.counts().get(b.counts().size() - 1);
      if (range.min() == range.max()) {
        edges[edges.length - 1] = range.max() + 1;
      }
      XYSeries s = chart.addSeries(e.getKey(), edges, heights);
      Color c = PALETTE[i++ % PALETTE.length];
      s.setLineColor(c);
      s.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), series.size() > 1 ? 90 : 160));
    }
    write(png, chart, style);
  }

  /**
   * A 2-D scatter plot (a PCA projection, say) with one series per distinct label, in label order.
   *
   * @param labels one label per point, e.g. {@code anomaly} or {@code normal}
   */
  public static void scatter(Path png, ChartStyle style, double[] x, double[] y, String[] labels) {
    if (x.length != y.length || x.length != labels.length) {
      throw new IllegalArgumentException("x, y and labels differ in length: " + x.length + ", " + y.length + ", "
          + labels.length);
    }
    Map<String, List<double[]>> byLabel = new TreeMap<>();
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        byLabel.computeIfAbsent(String.valueOf(labels[i]), k -> new ArrayList<>()).add(new double[] {x[i], y[i]});
      }
    }
    if (byLabel.isEmpty()) {
      throw RuntimeErrors.chartWithoutData(style.title(), "no point with finite coordinates");
    }
    XYChart chart = xy(style);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(6);
    chart.getStyler().setLegendVisible(true);
    int i = 0;
    for (Map.Entry<String, List<double[]>> e : byLabel.entrySet()) {
      double[] xs = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
      double[] ys = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
      XYSeries s = chart.addSeries(e.getKey(), xs, ys);
      s.setMarkerColor(PALETTE[i++ % PALETTE.length]);
    }
    write(png, chart, style);
  }

  /** A bar chart: one bar per category, in the given order. */
  public static void bar(Path png, ChartStyle style, List<String> categories, double[] values) {
    if (categories.size() != values.length) {
      throw new IllegalArgumentException("categories and values differ in length: " + categories.size() + ", "
          + values.length);
    }
    if (categories.isEmpty()) {
      throw RuntimeErrors.chartWithoutData(style.title(), "no category");
    }
    CategoryChart chart = new CategoryChartBuilder().width(style.width()).height(style.height()).title(style.title())
        .xAxisTitle(style.xTitle()).yAxisTitle(style.yTitle()).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisLabelRotation(categories.size() > 8 ? 45 : 0);
    List<Double> ys = new ArrayList<>();
    for (double v : values) {
      ys.add(Double.isFinite(v) ? v : 0.0);
    }
    chart.addSeries(style.yTitle(), List.copyOf(categories), ys).setFillColor(PALETTE[0]);
    write(png, chart, style);
  }

  /** A number format that shows about three significant digits of a value range's size. */
  static String decimals(double range) {
    int digits = range > 0 ? Math.max(0, Math.min(8, 3 - (int) Math.floor(Math.log10(range)))) : 2;
    return digits == 0 ? "#,##0" : "#,##0." + "#".repeat(digits);
  }

  private static XYChart xy(ChartStyle style) {
    XYChart chart = new XYChartBuilder().width(style.width()).height(style.height()).title(style.title())
        .xAxisTitle(style.xTitle()).yAxisTitle(style.yTitle()).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    return chart;
  }

  private static void write(Path png, Chart<?, ?> chart, ChartStyle style) {
    Path target = png.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      Files.createDirectories(target.getParent());
      try (OutputStream out = Files.newOutputStream(partial)) {
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw RuntimeErrors.chartUnwritable(style.title(), png, e);
    }
  }
}
