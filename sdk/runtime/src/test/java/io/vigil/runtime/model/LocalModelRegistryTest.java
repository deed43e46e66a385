package io.vigil.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelRegistryTest {
  @TempDir Path home;
  @TempDir Path solution;

  @Test
  void importsAnExportOnceAndAChangedExportAsTheNextVersion() throws Exception {
    Path export = solution.resolve("models/monthly_ad");
    Files.createDirectories(export.resolve("hist"));
    Files.writeString(export.resolve("model.json"), "{\"tags\": {\"version\": \"release\"}, \"run_id\": \"run-7\"}");
    Files.writeString(export.resolve("hist/amount.csv"), "0,1,2\n");
    LocalModelRegistry registry = LocalModelRegistry.under(home);

    ModelVersion first = ModelExport.scan(solution).get(0).importInto(registry);
    ModelVersion again = ModelExport.scan(solution).get(0).importInto(new LocalModelRegistry(home.resolve("models")));
    Files.writeString(export.resolve("hist/amount.csv"), "0,1,2,3\n");
    ModelVersion changed = ModelExport.scan(solution).get(0).importInto(registry);

    assertThat(first.version()).isEqualTo(1);
    assertThat(first.runId()).isEqualTo("run-7");
    assertThat(again).isEqualTo(first);
    assertThat(changed.version()).isEqualTo(2);
    assertThat(registry.versions("monthly_ad")).hasSize(2);
    assertThat(registry.find("monthly_ad", Map.of("version", "release"))).isEqualTo(changed);
    assertThat(Files.readString(registry.artifacts(first).resolve("hist/amount.csv"))).isEqualTo("0,1,2\n");
    assertThat(registry.setTag("monthly_ad", 1, "stage", "archived").tags()).containsEntry("stage", "archived");
    assertThat(registry.delete("monthly_ad")).isTrue();
    assertThat(registry.names()).isEmpty();
  }
}
