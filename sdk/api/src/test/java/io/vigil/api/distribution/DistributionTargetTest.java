package io.vigil.api.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.serde.Canonical;
import io.vigil.api.validation.InvalidValueException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributionTargetTest {
  private static final RetryPolicy RETRY = RetryPolicy.builder()
      .maxAttempts(5)
      .initialDelay(Duration.ofSeconds(2))
      .backoffMultiplier(3.0)
      .maxDelay(Duration.ofMinutes(5))
      .retryOnStatus(500, 503)
      .build();

  private static final AlertDistributionTarget ALERTS = AlertDistributionTarget.builder("case_manager")
      .name("Case Manager")
      .url("https://casemngr.cm.thirdparty.com/cm-be/api/alerts/create/anomaly")
      .auth(TargetAuth.basic("env:CM_USER", "env:CM_PASSWORD"))
      .retryPolicy(RETRY)
      .verify(false)
      .timeoutSeconds(30)
      .header("X-Tenant", "bank-1")
      .build();

  private static final RealtimeCallbackTarget CALLBACK = RealtimeCallbackTarget.builder("callback_rt")
      .name("Real-time callback")
      .url("https://outside-url.domain.net")
      .auth(TargetAuth.basic("rt_user", "encrypted:BUxdFK8DI+cjSixBqZcaAVSJAZGf0L2/JgwT/REw6iVd1XjLAG19vTwcIYzy"))
      .retryPolicy(RETRY)
      .verify(false)
      .timeoutSeconds(10)
      .build();

  private static final ExternalNotificationTarget REPORTS = ExternalNotificationTarget.builder("reports_notifications")
      .name("Reports")
      .url("http://reports.internal:8080/notify")
      .auth(TargetAuth.bearer("env:REPORTS_TOKEN"))
      .retryPolicy(RETRY)
      .verify(false)
      .timeoutSeconds(5)
      .build();

  private static final ClassificationChangeNotificationTarget CLASSIFICATION =
      ClassificationChangeNotificationTarget.builder("classification_change_target")
          .name("KYC")
          .url("https://kyc.example.com/classification")
          .auth(TargetAuth.none())
          .retryPolicy(RETRY)
          .verify(false)
          .timeoutSeconds(60)
          .annotations("classification_type", "customer_id")
          .batchSize(250)
          .build();

  @Test
  void everyVariantRoundTripsThroughJsonAndYaml() {
    for (DistributionTarget target : List.of(ALERTS, CALLBACK, REPORTS, CLASSIFICATION)) {
      assertThat(Canonical.fromJson(Canonical.toJson(target), DistributionTarget.class)).isEqualTo(target);
      assertThat(Canonical.fromYaml(Canonical.toYaml(target), DistributionTarget.class)).isEqualTo(target);
      assertThat(target.kind()).isEqualTo(EntityKind.TARGET);
    }
    assertThat(Canonical.fromJson(Canonical.toJson(RETRY), RetryPolicy.class)).isEqualTo(RETRY);
  }

  @Test
  void jsonUsesTheGuidesKeysWithTheVariantFirst() {
    assertThat(Canonical.toJson(ALERTS)).startsWith("{\"type\":\"alert_distribution\",\"identifier\":\"case_manager\"")
        .contains("\"name\":\"Case Manager\"", "\"auth\":{\"mode\":\"BASIC_AUTH\",\"configuration\":{",
            "\"retry_policy\":{\"max_attempts\":5,\"initial_delay\":\"PT2S\",\"backoff_multiplier\":3.0",
            "\"retry_on_status\":[500,503]", "\"verify\":false", "\"timeout_seconds\":30",
            "\"headers\":{\"X-Tenant\":\"bank-1\"}");
    assertThat(Canonical.toJson(CALLBACK)).startsWith("{\"type\":\"realtime_callback\"");
    assertThat(Canonical.toJson(REPORTS)).startsWith("{\"type\":\"external_notification\"");
    assertThat(Canonical.toJson(CLASSIFICATION)).startsWith("{\"type\":\"classification_change_notification\"")
        .contains("\"annotations\":[\"classification_type\",\"customer_id\"]", "\"batch_size\":250");
  }

  @Test
  void decodesTargetsWrittenTheWayTheGuideDoes() {
    String alertYaml = """
        identifier: cm_1
        name: Case Manager
        url: https://casemngr.cm.thirdparty.com/cm-be/api/alerts/create/anomaly
        auth:
          mode: BASIC_AUTH
          configuration:
            username: env:CM_USER
            password: env:CM_PASSWORD
        """;
    DistributionTarget target = Canonical.fromYaml(alertYaml, DistributionTarget.class);
    assertThat(target).isInstanceOf(AlertDistributionTarget.class);
    assertThat(target.auth()).isEqualTo(TargetAuth.basic("env:CM_USER", "env:CM_PASSWORD"));
    assertThat(target.verify()).isTrue();
    assertThat(target.retryPolicy()).isEqualTo(RetryPolicy.defaults());

    String callbackYaml = """
        type: realtime_callback
        identifier: callback_rt
        name: callback_rt
        url: https://outside-url.domain.net
        auth:
          mode: no_auth
        verify: false
        retry_policy:
          max_attempts: 4
          initial_delay: 500ms
        """;
    RealtimeCallbackTarget callback = (RealtimeCallbackTarget) Canonical.fromYaml(callbackYaml, DistributionTarget.class);
    assertThat(callback.auth().mode()).isEqualTo(AuthenticationMode.NO_AUTH);
    assertThat(callback.verify()).isFalse();
    assertThat(callback.retryPolicy().maxAttempts()).isEqualTo(4);
    assertThat(callback.retryPolicy().initialDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(callback.retryPolicy().maxDelay()).isEqualTo(Duration.ofMinutes(1));

    String classificationYaml = """
        type: classification_change_notification
        identifier: classification_change_target
        url: https://kyc.example.com/classification
        auth:
          mode: NO_AUTH
        annotations: [classification_type]
        """;
    ClassificationChangeNotificationTarget cls =
        (ClassificationChangeNotificationTarget) Canonical.fromYaml(classificationYaml, DistributionTarget.class);
    assertThat(cls.annotations()).containsExactly("classification_type");
    assertThat(cls.batchSize()).isEqualTo(1000);
    assertThat(cls.name()).isEqualTo("classification_change_target");
  }

  @Test
  void unknownVariantIsReported() {
    assertThatThrownBy(() -> Canonical.fromYaml("type: webhook\nidentifier: x\nurl: https://x.org\n", DistributionTarget.class))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("unknown type 'webhook'")
        .hasMessageContaining("realtime_callback");
  }

  @Test
  void everyTargetExposesItsEndpoint() {
    HttpEndpoint alerts = ALERTS.endpoint();
    assertThat(alerts).isEqualTo(new HttpEndpoint(ALERTS.url(), ALERTS.auth(), RETRY, false, 30, Map.of("X-Tenant", "bank-1")));
    assertThat(CLASSIFICATION.endpoint().timeoutSeconds()).isEqualTo(60);
    assertThat(CALLBACK.endpoint().headers()).isEmpty();
    assertThat(ExternalNotificationTarget.builder("ext").url("https://x.example.com").build().endpoint())
        .isEqualTo(new HttpEndpoint("https://x.example.com", TargetAuth.none(), RetryPolicy.defaults(), true, null, null));
    assertThatThrownBy(() -> new HttpEndpoint("ftp://x", null, null, true, null, null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build http endpoint: url must be an absolute http or https URL");
    assertThat(ALERTS.toBuilder().url("https://u:pw-s3cr3t@cm.example.com").build().endpoint().toString())
        .doesNotContain("pw-s3cr3t").contains("https://***@cm.example.com");
  }

  @Test
  void defaultsAreFilledIn() {
    ExternalNotificationTarget t = ExternalNotificationTarget.builder("ext").url("https://x.example.com").build();
    assertThat(t.name()).isEqualTo("ext");
    assertThat(t.auth()).isEqualTo(TargetAuth.none());
    assertThat(t.retryPolicy()).isEqualTo(RetryPolicy.defaults());
    assertThat(t.verify()).isTrue();
    assertThat(t.timeoutSeconds()).isNull();
    assertThat(ALERTS.toBuilder().build()).isEqualTo(ALERTS);
    assertThat(CALLBACK.toBuilder().build()).isEqualTo(CALLBACK);
    assertThat(REPORTS.toBuilder().build()).isEqualTo(REPORTS);
    assertThat(CLASSIFICATION.toBuilder().build()).isEqualTo(CLASSIFICATION);
    assertThat(ALERTS.toBuilder().headers(Map.of()).build().headers()).isEmpty();
  }

  @Test
  void urlMustBeAbsoluteHttp() {
    for (String url : List.of("....", "/alerts", "ftp://files.example.com/alerts", "https:///nohost", "http//x")) {
      assertThatThrownBy(() -> AlertDistributionTarget.builder("cm").url(url).build())
          .as(url)
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("Cannot build alert distribution target cm: url must be an absolute http or https URL");
    }
    assertThatThrownBy(() -> RealtimeCallbackTarget.builder("rt").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("url is required");
  }

  @Test
  void invalidUrlMessagesHideCredentials() {
    assertThatThrownBy(() -> ExternalNotificationTarget.builder("ext").url("ftp://admin:hunter2@files.example.com").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("ftp://***@files.example.com")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void identifierIsAnEntityIdentifier() {
    assertThatThrownBy(() -> AlertDistributionTarget.builder("cm-1").url("https://x.org").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build alert distribution target: identifier must match");
  }

  @Test
  void batchSizeAndTimeoutArePositive() {
    assertThatThrownBy(() -> CLASSIFICATION.toBuilder().batchSize(0).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("batch_size must be positive: 0");
    assertThatThrownBy(() -> CALLBACK.toBuilder().timeoutSeconds(-1).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("timeout_seconds must be positive: -1");
  }

  @Test
  void authNeedsAMode() {
    assertThatThrownBy(() -> new TargetAuth(null, Map.of()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build target auth: mode is required");
    assertThat(TargetAuth.bearer("env:T").configuration()).containsExactly(Map.entry(TargetAuth.TOKEN, "env:T"));
  }

  @Test
  void toStringNeverShowsSecrets() {
    AlertDistributionTarget leaky = ALERTS.toBuilder()
        .url("https://admin:hunter2@cm.example.com/alerts")
        .auth(TargetAuth.basic("admin", "s3cr3t-pw"))
        .header("Authorization", "Basic YWRtaW46aHVudGVy")
        .build();
    assertThat(leaky.toString())
        .doesNotContain("hunter2", "s3cr3t-pw", "YWRtaW46aHVudGVy")
        .contains("https://***@cm.example.com/alerts", "username=admin", "X-Tenant=bank-1");
    assertThat(TargetAuth.basic("u", "env:PW").toString()).contains("password=env:PW");
    assertThat(TargetAuth.bearer("encrypted:abc").toString()).doesNotContain("abc");
  }
}
