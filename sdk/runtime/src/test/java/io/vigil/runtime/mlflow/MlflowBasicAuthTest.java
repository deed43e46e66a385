package io.vigil.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.testing.mlflow.MlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against {@code mlflow server --app-name basic-auth}: credentials from the environment, never in a message. */
class MlflowBasicAuthTest {
  private static final String USER = "vigil";
  private static final String PASSWORD = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

  @TempDir static Path root;
  static MlflowServer server;

  @BeforeAll
  static void startMlflow() throws Exception {
    server = MlflowServer.startWithBasicAuth(MlflowServer.requireVenv(), root.resolve("mlflow"), USER, PASSWORD);
  }

  @AfterAll
  static void stopMlflow() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theUserAndPasswordFromTheEnvironmentAuthenticateRunsAndArtifacts() throws Exception {
    MlflowRestClient mlflow = MlflowRestClient.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", server.url().toString(),
        "MLFLOW_TRACKING_USERNAME", USER, "MLFLOW_TRACKING_PASSWORD", PASSWORD)).orElseThrow();

    MlflowRun run = mlflow.createRun(mlflow.experimentId("secured"), "run", null, Map.of());
    mlflow.uploadArtifact(run.artifactUri(), "a.txt", Files.writeString(root.resolve("a.txt"), "secret-free"));
    mlflow.downloadArtifact(run.artifactUri(), "a.txt", root.resolve("b.txt"));

    assertThat(Files.readString(root.resolve("b.txt"))).isEqualTo("secret-free");
    assertThat(mlflow.toString()).contains("user vigil").doesNotContain(PASSWORD);
  }

  @Test
  void aWrongPasswordIsRefusedWithoutShowingAnyPassword() {
    String wrong = PASSWORD + "-wrong";
    MlflowRestClient mlflow = MlflowRestClient.withPassword(server.url(), USER, wrong);

    assertThatThrownBy(() -> mlflow.experimentId("secured")).isInstanceOfSatisfying(VigilException.class, e -> {
      assertThat(e.getMessage()).startsWith("Cannot read experiment secured: MLflow at " + server.url()
          + " refused the credentials (401)");
      assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD);
    });
  }

  @Test
  void noCredentialsAreRefused() {
    MlflowRestClient mlflow = MlflowRestClient.anonymous(server.url());
    assertThatThrownBy(() -> mlflow.searchRegisteredModels(null)).isInstanceOfSatisfying(VigilException.class,
        e -> assertThat(e.getMessage()).contains("refused the credentials (401)"));
  }
}
