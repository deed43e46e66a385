package io.vigil.runtime.report.chart;

import java.util.Objects;

/**
 * The title, axis titles and pixel size of a chart.
 *
 * @param title the chart title
 * @param xTitle the x axis title
 * @param yTitle the y axis title
 * @param width width in pixels, 100 to 4000
 * @param height height in pixels, 100 to 4000
 */
public record ChartStyle(String title, String xTitle, String yTitle, int width, int height) {
  public ChartStyle {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(xTitle, "xTitle");
    Objects.requireNonNull(yTitle, "yTitle");
    if (width < 100 || width > 4000 || height < 100 || height > 4000) {
      throw new IllegalArgumentException("A chart is 100 to 4000 pixels each way, not " + width + "x" + height);
    }
  }

  /** 800 x 500 pixels. */
  public static ChartStyle of(String title, String xTitle, String yTitle) {
    return new ChartStyle(title, xTitle, yTitle, 800, 500);
  }

  public ChartStyle size(int newWidth, int newHeight) {
    return new ChartStyle(title, xTitle, yTitle, newWidth, newHeight);
  }
}
