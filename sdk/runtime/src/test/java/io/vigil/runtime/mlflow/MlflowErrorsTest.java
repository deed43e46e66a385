package io.vigil.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowErrorsTest {
  private static final URI BASE = URI.create("http://mlflow:5000");

  @Test
  void aServerDetailEchoingATokenOrPasswordShowsNeitherPlainNorEncoded() {
    MlflowCredentials token = MlflowCredentials.token("tok-123-secret");
    MlflowCredentials basic = MlflowCredentials.basic("vigil", "pw-456-secret");
    String encoded = basic.authorization().orElseThrow().substring("Basic ".length());

    VigilException a = MlflowHttp.answered("read run r", BASE, 400, "INVALID_PARAMETER_VALUE",
        "bad header Bearer tok-123-secret", token);
    VigilException b = MlflowHttp.answered("read run r", BASE, 500, null,
        "saw pw-456-secret and " + encoded, basic);

    assertThat(a.getMessage()).isEqualTo("Cannot read run r: MLflow at http://mlflow:5000 answered 400"
        + " INVALID_PARAMETER_VALUE: bad header Bearer ***");
    assertThat(a.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(b.getMessage()).doesNotContain("pw-456-secret").doesNotContain(encoded).contains("saw *** and ***");
    assertThat(basic.toString()).isEqualTo("user vigil");
    assertThat(token.toString()).isEqualTo("token");
  }

  @Test
  void errorCodesMapToVigilsCodes() {
    MlflowCredentials none = MlflowCredentials.none();
    assertThat(MlflowHttp.answered("x", BASE, 404, "RESOURCE_DOES_NOT_EXIST", "", none).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(MlflowHttp.answered("x", BASE, 400, "RESOURCE_ALREADY_EXISTS", "", none).code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(MlflowHttp.answered("x", BASE, 403, "PERMISSION_DENIED", "", none).code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(MlflowHttp.answered("x", BASE, 401, null, "", none).code()).isEqualTo(ErrorCode.STORE_FAILURE);
    assertThat(MlflowHttp.answered("x", BASE, 503, null, "", none).code()).isEqualTo(ErrorCode.STORE_FAILURE);
    assertThat(MlflowHttp.answered("x", BASE, 404, "RESOURCE_DOES_NOT_EXIST", "", none).errorId()).isEqualTo("VGL-RT-047");
    assertThat(MlflowHttp.answered("x", BASE, 503, null, "", none).errorId()).isEqualTo("VGL-RT-048");
    assertThat(MlflowHttp.answered("x", BASE, 409, null, "", none).errorId()).isEqualTo("VGL-RT-070");
  }

  @Test
  void aTrackingUriWithCredentialsIsRefusedWithoutThem() {
    assertThatThrownBy(() -> MlflowRestClient.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "http://bob:hunter2@mlflow:5000")))
        .isInstanceOfSatisfying(VigilException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("'http://mlflow:5000'").doesNotContain("hunter2");
        });
    assertThatThrownBy(() -> MlflowRestClient.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "http://mlflow:5000",
        "MLFLOW_TRACKING_USERNAME", "bob"))).isInstanceOfSatisfying(VigilException.class,
            e -> assertThat(e.getMessage()).contains("MLFLOW_TRACKING_PASSWORD is not"));
    assertThat(MlflowRestClient.fromEnvironment(Map.of())).isEmpty();
  }
}
