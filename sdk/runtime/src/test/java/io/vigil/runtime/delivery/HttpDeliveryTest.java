package io.vigil.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.runtime.store.Secret;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HttpDeliveryTest {
  private static final RetryPolicy FAST = RetryPolicy.builder()
      .maxAttempts(4).initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(40)).build();
  private static final String TOKEN = "tok-s3cr3t-value";

  static List<Map<String, Object>> alerts(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(i -> {
      Map<String, Object> alert = new LinkedHashMap<>();
      alert.put("id", "alert-" + i);
      alert.put("risk", "big_mover");
      alert.put("severity", 80);
      alert.put("description", "moved {{ 7*7 }} to \"X\"");
      return alert;
    }).toList();
  }

  private static HttpDelivery delivery(LocalReceiver cm) {
    return HttpDelivery.builder(cm.url()).retryPolicy(FAST).requestTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void aBatchArrivesAsOneJsonArrayUnderItsIdempotencyKey() {
    try (LocalReceiver cm = LocalReceiver.builder().start()) {
      List<Map<String, Object>> batch = alerts(0, 3);
      BatchOutcome outcome = delivery(cm).deliver(batch);

      assertThat(outcome.delivered()).isTrue();
      assertThat(outcome.attempts()).isEqualTo(1);
      assertThat(outcome.lastStatus()).isEqualTo(200);
      assertThat(outcome.error()).isNull();
      assertThat(outcome.ids()).containsExactly("alert-0", "alert-1", "alert-2");
      assertThat(cm.received()).containsExactlyElementsOf(batch);
      assertThat(cm.requests()).extracting(ReceivedRequest::idempotencyKey)
          .containsExactly(HttpDelivery.idempotencyKey(outcome.ids()));
      assertThat(outcome.idempotencyKey())
          .isEqualTo(HttpDelivery.idempotencyKey(List.of("alert-2", "alert-0", "alert-1")))
          .isNotEqualTo(HttpDelivery.idempotencyKey(List.of("alert-0", "alert-1")))
          .matches("vigil-[0-9a-f]{40}");
    }
  }

  @Test
  void a503IsRetriedUnderTheSameKeyUntilItSucceeds() {
    try (LocalReceiver cm = LocalReceiver.builder().status(1, 503).status(2, 503).start()) {
      BatchOutcome outcome = delivery(cm).deliver(alerts(0, 4));

      assertThat(outcome.delivered()).isTrue();
      assertThat(outcome.attempts()).isEqualTo(3);
      assertThat(cm.requests()).extracting(ReceivedRequest::status).containsExactly(503, 503, 200);
      assertThat(cm.requests()).extracting(ReceivedRequest::idempotencyKey).containsOnly(outcome.idempotencyKey());
      assertThat(cm.stats().distinctItems()).isEqualTo(4);
    }
  }

  @Test
  void aConnectionClosedMidRequestIsRetried() {
    try (LocalReceiver cm = LocalReceiver.builder().dropConnection(1, LocalReceiver.Drop.BEFORE_STORING).start()) {
      BatchOutcome outcome = delivery(cm).deliver(alerts(0, 50));

      assertThat(outcome.delivered()).isTrue();
      assertThat(outcome.attempts()).isEqualTo(2);
      assertThat(cm.stats()).isEqualTo(new ReceiverStats(2, 1, 50, 50, 0));
    }
  }

  @Test
  void aConnectionClosedAfterStoringIsRetriedAndTheReceiverDropsTheDuplicates() {
    try (LocalReceiver cm = LocalReceiver.builder().dropConnection(1, LocalReceiver.Drop.AFTER_STORING).start()) {
      BatchOutcome outcome = delivery(cm).deliver(alerts(0, 5));

      assertThat(outcome.delivered()).isTrue();
      assertThat(outcome.attempts()).isEqualTo(2);
      assertThat(cm.stats()).isEqualTo(new ReceiverStats(2, 2, 10, 5, 5));
      assertThat(cm.requests()).extracting(ReceivedRequest::idempotencyKey).containsOnly(outcome.idempotencyKey());
    }
  }

  @Test
  void aTimeoutIsRetried() {
    try (LocalReceiver cm = LocalReceiver.builder().stall(1, Duration.ofSeconds(3)).start()) {
      HttpDelivery delivery = HttpDelivery.builder(cm.url()).retryPolicy(FAST)
          .requestTimeout(Duration.ofMillis(500)).build();
      BatchOutcome outcome = delivery.deliver(alerts(0, 2));

      assertThat(outcome.delivered()).isTrue();
      assertThat(outcome.attempts()).isEqualTo(2);
      assertThat(outcome.lastStatus()).isEqualTo(200);
    }
  }

  @Test
  void a401FailsAtOnceWithoutTheCredential() {
    try (LocalReceiver cm = LocalReceiver.builder().expectBearer("the-right-token").start()) {
      HttpDelivery delivery = HttpDelivery.builder(cm.url()).retryPolicy(FAST)
          .credentials(Credentials.bearer(Secret.of(TOKEN))).build();
      BatchOutcome outcome = delivery.deliver(alerts(0, 2));

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.attempts()).isEqualTo(1);
      assertThat(outcome.lastStatus()).isEqualTo(401);
      assertThat(outcome.error()).contains("refused the credentials (401)").doesNotContain(TOKEN);
      assertThat(cm.stats().requests()).isEqualTo(1);
      assertThat(cm.stats().distinctItems()).isZero();
      assertThat(delivery.toString()).doesNotContain(TOKEN);
    }
  }

  @Test
  void theRightCredentialsAreSent() {
    try (LocalReceiver basic = LocalReceiver.builder().expectBasic("cm_user", "pw-s3cr3t").start();
        LocalReceiver bearer = LocalReceiver.builder().expectBearer(TOKEN).start()) {
      Credentials user = Credentials.basic("cm_user", Secret.of("pw-s3cr3t"));
      assertThat(HttpDelivery.builder(basic.url()).credentials(user).build().deliver(alerts(0, 1)).delivered()).isTrue();
      Credentials token = Credentials.bearer(Secret.of(TOKEN));
      assertThat(HttpDelivery.builder(bearer.url()).credentials(token).build().deliver(alerts(0, 1)).delivered()).isTrue();
      assertThat(user.toString()).contains("cm_user").doesNotContain("pw-s3cr3t");
      assertThat(token.toString()).doesNotContain(TOKEN);
    }
  }

  @Test
  void aStatusOutsideThePolicyIsNotRetried() {
    try (LocalReceiver cm = LocalReceiver.builder().status(1, 500).start()) {
      BatchOutcome outcome = delivery(cm).deliver(alerts(0, 1));

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.attempts()).isEqualTo(1);
      assertThat(outcome.lastStatus()).isEqualTo(500);
      assertThat(outcome.error()).startsWith("Cannot deliver the batch to " + cm.url() + ": the target answered 500");
    }
  }

  @Test
  void retriesStopAtMaxAttempts() {
    try (LocalReceiver cm = LocalReceiver.builder().failFraction(1.0).start()) {
      BatchOutcome outcome = delivery(cm).deliver(alerts(0, 1));

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.attempts()).isEqualTo(FAST.maxAttempts());
      assertThat(outcome.lastStatus()).isEqualTo(503);
      assertThat(cm.stats().requests()).isEqualTo(FAST.maxAttempts());
    }
  }

  @Test
  void aClosedPortIsRetriedAsAConnectionError() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    BatchOutcome outcome = HttpDelivery.builder(URI.create("http://127.0.0.1:" + port + "/alerts"))
        .retryPolicy(FAST).build().deliver(alerts(0, 1));

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.attempts()).isEqualTo(FAST.maxAttempts());
    assertThat(outcome.lastStatus()).isZero();
    assertThat(outcome.error()).contains("ConnectException");
  }

  @Test
  void itemsWithoutADistinctIdAreRefusedBeforeAnythingIsSent() {
    try (LocalReceiver cm = LocalReceiver.builder().start()) {
      HttpDelivery delivery = delivery(cm);
      assertThatThrownBy(() -> delivery.deliver(List.of(Map.of("risk", "r"))))
          .isInstanceOf(VigilException.class)
          .hasMessage("Cannot deliver the batch: item 0 has no 'id'")
          .extracting(e -> ((VigilException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThatThrownBy(() -> delivery.deliver(List.of(Map.of("id", "a"), Map.of("id", "a"))))
          .hasMessage("Cannot deliver the batch: two items have id 'a'");
      assertThat(cm.stats().requests()).isZero();
    }
  }

  @Test
  void aTargetsEndpointConfiguresTheDelivery() {
    try (LocalReceiver cm = LocalReceiver.builder().expectBearer(TOKEN).status(1, 429).start()) {
      AlertDistributionTarget target = AlertDistributionTarget.builder("case_manager")
          .url(cm.url().toString())
          .retryPolicy(FAST.toBuilder().retryOnStatus(429).build())
          .timeoutSeconds(5)
          .header("X-Tenant", "bank-1")
          .build();
      HttpDelivery delivery = HttpDelivery.builder(target.endpoint(), Credentials.bearer(Secret.of(TOKEN)),
          target.headers()).build();
      BatchOutcome outcome = delivery.deliver(alerts(0, 1));

      assertThat(outcome.delivered()).isTrue();
      assertThat(outcome.attempts()).isEqualTo(2);
    }
  }
}
