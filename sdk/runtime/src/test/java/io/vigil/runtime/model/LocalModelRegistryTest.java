package io.vigil.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelRegistryTest extends ModelRegistryContract {
  @TempDir Path home;
  private LocalModelRegistry registry;

  @BeforeEach
  void openRegistry() {
    registry = LocalModelRegistry.under(home);
  }

  @Override
  ModelRegistry registry() {
    return registry;
  }

  @Test
  void aVersionsFilesLieInItsRunAndSurviveAReopen() throws Exception {
    String name = uniqueName("kept");
    ModelVersion v = registry.register(name, modelFolder(name, "k"), Map.of("version", "release"), null, null);

    LocalModelRegistry reopened = new LocalModelRegistry(home.resolve("models"));

    assertThat(reopened.artifacts(v)).isEqualTo(home.resolve("models/runs").resolve(v.runId()).resolve("artifacts/models")
        .resolve(name).toAbsolutePath());
    assertThat(reopened.find(name, Map.of("version", "release"))).isEqualTo(v);
    assertThat(reopened.run(v.runId()).status()).isEqualTo(ModelRun.Status.FINISHED);
  }

  @Test
  void versionsOfTheFirstIndexFormatKeepTheirFolders() throws Exception {
    Path root = Files.createDirectories(home.resolve("models"));
    Files.createDirectories(root.resolve("legacy/1"));
    Files.writeString(root.resolve("legacy/1/model.json"), "{}");
    Files.writeString(root.resolve("index.json"), "{\"format\": 1, \"models\": {\"legacy\": [{\"version\": 1,"
        + " \"tags\": {\"version\": \"release\"}, \"run_id\": \"run-7\", \"description\": null,"
        + " \"created_at\": \"2026-01-01T00:00:00Z\"}]}}");

    ModelVersion legacy = registry.find("legacy", Map.of("version", "release"));

    assertThat(legacy.source()).isNull();
    assertThat(registry.artifacts(legacy).resolve("model.json")).exists();
    assertThat(registry.delete("legacy")).isTrue();
    assertThat(root.resolve("legacy/1")).doesNotExist();
  }
}
