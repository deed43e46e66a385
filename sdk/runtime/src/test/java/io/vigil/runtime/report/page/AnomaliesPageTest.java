package io.vigil.runtime.report.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomaliesPageTest {
  @TempDir Path dir;

  @Test
  void theTopAnomaliesComeHighestFirstWithTheirTopFeaturesAndEveryValueEscaped() throws Exception {
    List<AnomaliesPage.Anomaly> anomalies = List.of(
        new AnomaliesPage.Anomaly("acc-2", 0.71, List.of(new AnomaliesPage.FeatureRating("amount", "9800.0", 6000))),
        new AnomaliesPage.Anomaly("<script>alert('x')</script>", 0.93, List.of(
            new AnomaliesPage.FeatureRating("country", "\"FR\" & <DE>", 7000),
            new AnomaliesPage.FeatureRating("amount", "12.5", 2500),
            new AnomaliesPage.FeatureRating("hour", "3", 500))),
        new AnomaliesPage.Anomaly("acc-3", 0.52, List.of()));
    Path file = dir.resolve("anomalies.html");

    AnomaliesPage.write(file, "Top anomalies of monthly_account_ad", anomalies, 2, 2);

    String html = Files.readString(file);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">")
        .doesNotContain("<script>").doesNotContain("src=").doesNotContain("href=")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("<b>country</b> = &quot;FR&quot; &amp; &lt;DE&gt; (70.00 %)")
        .contains("<b>amount</b> = 12.5 (25.00 %)")
        .doesNotContain("<b>hour</b>")
        .doesNotContain("acc-3")
        .contains("2 of 3 anomalies, highest score first");
    assertThat(html.indexOf("0.9300")).isLessThan(html.indexOf("0.7100"));
  }

  @Test
  void aTablePageEscapesHeaderAndCells() throws Exception {
    Path file = dir.resolve("t.html");
    TablePage.write(file, "A & B", null, List.of("<k>"), List.of(List.of("v\"1")));
    assertThat(Files.readString(file)).contains("<title>A &amp; B</title>").contains("<th>&lt;k&gt;</th>")
        .contains("<td>v&quot;1</td>");
  }
}
