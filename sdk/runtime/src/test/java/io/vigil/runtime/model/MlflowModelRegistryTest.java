package io.vigil.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.runtime.mlflow.MlflowRestClient;
import io.vigil.testing.mlflow.MlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract against a real {@code mlflow server} from the build venv. */
class MlflowModelRegistryTest extends ModelRegistryContract {
  @TempDir static Path root;
  static MlflowServer server;
  static MlflowModelRegistry registry;

  @BeforeAll
  static void startMlflow() throws Exception {
    server = MlflowServer.start(MlflowServer.requireVenv(), root.resolve("mlflow"));
    registry = new MlflowModelRegistry(MlflowRestClient.anonymous(server.url()), root.resolve("cache"));
  }

  @AfterAll
  static void stopMlflow() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  ModelRegistry registry() {
    return registry;
  }

  @Test
  void aVersionIsAnMlflowModelVersionOnTheRunsArtifactsThroughTheProxy() throws Exception {
    String name = uniqueName("proxied");
    ModelVersion v = registry.register(name, modelFolder(name, "p"), Map.of("version", "release"), null, "d");

    var stored = server.get("model-versions/get", Map.of("name", name, "version", "1")).path("model_version");
    var run = server.get("runs/get", Map.of("run_id", v.runId())).path("run");
    String artifactUri = run.at("/info/artifact_uri").asText();
    assertThat(artifactUri).startsWith("mlflow-artifacts:/");
    assertThat(stored.path("source").asText()).isEqualTo(artifactUri + "/models/" + name);
    assertThat(stored.path("run_id").asText()).isEqualTo(v.runId());
    assertThat(stored.path("tags").toString()).contains("\"key\":\"version\"").contains("\"value\":\"release\"");
    Path stem = root.resolve("mlflow/artifacts").resolve(artifactUri.substring("mlflow-artifacts:/".length()));
    assertThat(Files.readString(stem.resolve("models").resolve(name).resolve("weights/tree 1.bin"))).isEqualTo("p-weights");
  }

  @Test
  void aVersionIsDownloadedOnce() throws Exception {
    String name = uniqueName("cached");
    ModelVersion v = registry.register(name, modelFolder(name, "c"), Map.of(), null, null);
    Path first = registry.artifacts(v);

    // The server forgets the model; the cached download of the immutable version still answers.
    registry.delete(name);

    assertThat(registry.artifacts(v)).isEqualTo(first);
    assertThat(Files.readString(first.resolve("model.json"))).contains("\"c\"");
    assertThat(first.startsWith(root.resolve("cache").toAbsolutePath())).isTrue();
  }
}
