package io.vigil.runtime.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @TempDir Path dir;

  private static BufferedImage png(Path file) throws Exception {
    assertThat(Files.readAllBytes(file)).startsWith(0x89, 'P', 'N', 'G');
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).isNotNull();
    return image;
  }

  @Test
  void aHistogramOfScoresIsAPngOfTheAskedSize() throws Exception {
    double[] scores = new Random(1).doubles(5000).map(d -> d * d).toArray();
    Path file = dir.resolve("anomaly scores.png");

    Charts.histogram(file, ChartStyle.of("Anomaly scores", "score", "records").size(640, 400), scores, 25);

    BufferedImage image = png(file);
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(400);
    assertThat(dir.resolve("anomaly scores.png.partial")).doesNotExist();
  }

  @Test
  void twoDistributionsOverlayOnSharedBins() throws Exception {
    Random random = new Random(2);
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("reference", random.doubles(1000).toArray());
    series.put("current", random.doubles(1000).map(d -> d + 0.3).toArray());
    Path file = dir.resolve("drift.png");

    Charts.histograms(file, ChartStyle.of("Drift of amount", "amount", "records"), series, 20);

    assertThat(png(file).getWidth()).isEqualTo(800);
  }

  @Test
  void aScatterOfAProjectionHasOneSeriesPerLabelAndSkipsNaN() throws Exception {
    Random random = new Random(3);
    int n = 300;
    double[] x = new double[n];
    double[] y = new double[n];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      boolean anomaly = i % 30 == 0;
      x[i] = random.nextGaussian() + (anomaly ? 5 : 0);
      y[i] = random.nextGaussian();
      labels[i] = anomaly ? "anomaly" : "normal";
    }
    x[1] = Double.NaN;
    Path file = dir.resolve("anomalies distribution - PCA.png");

    Charts.scatter(file, ChartStyle.of("Anomalies distribution - PCA", "PC1", "PC2"), x, y, labels);

    assertThat(png(file).getHeight()).isEqualTo(500);
  }

  @Test
  void aBarChartHasABarPerCategory() throws Exception {
    Path file = dir.resolve("alerts.png");
    Charts.bar(file, ChartStyle.of("Alerts by risk", "risk", "alerts"), List.of("high <x>", "medium", "low"),
        new double[] {3, 10, 42});
    assertThat(png(file).getWidth()).isEqualTo(800);
  }

  @Test
  void nothingToDrawIsAClearError() {
    assertThatThrownBy(() -> Charts.histogram(dir.resolve("h.png"), ChartStyle.of("Empty", "x", "n"),
        new double[] {Double.NaN}, 10)).isInstanceOf(VigilException.class)
        .hasMessage("Cannot draw chart 'Empty': no finite value");
    assertThat(dir.resolve("h.png")).doesNotExist();
  }

  @Test
  void binsAreEqualWidthWithTheMaximumInTheLastBin() {
    Bins bins = Bins.of(new double[] {0, 0.5, 1, 2, 9.99, 10, Double.NaN, Double.POSITIVE_INFINITY}, 5);
    assertThat(bins.min()).isEqualTo(0);
    assertThat(bins.max()).isEqualTo(10);
    assertThat(bins.counts()).containsExactly(3L, 1L, 0L, 0L, 2L);
    assertThat(bins.edges()).containsExactly(0, 2, 4, 6, 8, 10);
    assertThat(bins.total()).isEqualTo(6);
    assertThat(Bins.of(new double[] {4, 4}, 3).counts()).containsExactly(2L, 0L, 0L);
    assertThat(Bins.of(new double[] {Double.NaN}, 3)).isNull();
  }
}
