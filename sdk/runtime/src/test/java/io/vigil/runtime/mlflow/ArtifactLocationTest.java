package io.vigil.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ArtifactLocationTest {
  private static final URI TRACKING = URI.create("http://mlflow:5000/prefix");

  @Test
  void proxiedLocationsMapToTheProxyRouteAsMlflowsClientMapsThem() {
    assertThat(ArtifactLocation.of("mlflow-artifacts:/1/abc/artifacts", TRACKING, "x").url("models/ad/tree 1.bin"))
        .hasToString("http://mlflow:5000/prefix/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/models/ad/tree%201.bin");
    assertThat(ArtifactLocation.of("mlflow-artifacts://other:6000/1/abc/artifacts", TRACKING, "x").url(""))
        .hasToString("http://other:6000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts");
    assertThat(ArtifactLocation.of("https://h/m/api/2.0/mlflow-artifacts/artifacts/2/r/artifacts", TRACKING, "x")
        .listUrl("a b")).hasToString("https://h/m/api/2.0/mlflow-artifacts/artifacts?path=2%2Fr%2Fartifacts%2Fa+b");
    assertThat(ArtifactLocation.of("mlflow-artifacts:/", TRACKING, "x").url("a+b%c"))
        .hasToString("http://mlflow:5000/prefix/api/2.0/mlflow-artifacts/artifacts/a%2Bb%25c");
  }

  @Test
  void otherLocationsAndEscapingPathsAreRefused() {
    for (String uri : new String[] {"s3://b/1/r/artifacts", "/var/mlruns/1/r/artifacts", "http://h/files/1"}) {
      assertThatThrownBy(() -> ArtifactLocation.of(uri, TRACKING, "upload x")).isInstanceOf(VigilException.class)
          .hasMessageContaining("Cannot upload x: the artifact location");
    }
    for (String path : new String[] {"../x", "a/../b", "/abs", "a//b", "a/", ".", "weights #1.bin"}) {
      assertThatThrownBy(() -> ArtifactLocation.checkRelative(path, "x")).isInstanceOf(VigilException.class);
    }
    assertThat(ArtifactLocation.checkRelative("a\\b", "x")).isEqualTo("a/b");
  }
}
