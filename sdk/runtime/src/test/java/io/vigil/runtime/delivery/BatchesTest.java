package io.vigil.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.runtime.store.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BatchesTest {
  private static final RetryPolicy PATIENT = RetryPolicy.builder()
      .maxAttempts(10).initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(40)).build();

  @Test
  void splitMakesConsecutiveChunks() {
    assertThat(Batches.split(List.of(1, 2, 3, 4, 5, 6, 7), 3)).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
    assertThat(Batches.split(List.of(), 3)).isEmpty();
    assertThatThrownBy(() -> Batches.split(List.of(1), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parallelBatchesArriveExactlyOnceAfterDedupeWhenAFifthOfRequestsFail() {
    List<Map<String, Object>> alerts = HttpDeliveryTest.alerts(0, 1_000);
    try (LocalReceiver cm = LocalReceiver.builder()
        .failFraction(0.2)
        .latency(Duration.ofMillis(5))
        .dropConnection(7, LocalReceiver.Drop.AFTER_STORING)
        .start()) {
      HttpDelivery delivery = HttpDelivery.builder(cm.url()).retryPolicy(PATIENT).build();
      ConcurrentLinkedQueue<BatchOutcome> seen = new ConcurrentLinkedQueue<>();

      DeliveryReport report = Batches.deliver(delivery, alerts, 7, 4, seen::add);

      assertThat(report.complete()).isTrue();
      assertThat(report.sentItems()).isEqualTo(1_000);
      assertThat(report.outcomes()).hasSize(143).allMatch(BatchOutcome::delivered);
      assertThat(seen).hasSize(143);
      assertThat(seen.stream().flatMap(o -> o.ids().stream()))
          .containsExactlyInAnyOrderElementsOf(alerts.stream().map(a -> (String) a.get("id")).toList());
      assertThat(report.outcomes()).anyMatch(o -> o.attempts() > 1);

      ReceiverStats stats = cm.stats();
      assertThat(stats.distinctItems()).isEqualTo(1_000);
      assertThat(stats.duplicates()).isEqualTo(stats.itemsReceived() - 1_000).isGreaterThanOrEqualTo(1);
      assertThat(cm.received().stream().collect(Collectors.groupingBy(a -> a.get("id"), Collectors.counting())))
          .hasSize(1_000).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
      assertThat(cm.requests()).filteredOn(r -> r.status() == 503).hasSizeGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void afterAFailedBatchNoNewBatchStartsAndTheRestIsLeft() {
    try (LocalReceiver cm = LocalReceiver.builder().expectBearer("right").start()) {
      HttpDelivery delivery = HttpDelivery.builder(cm.url()).retryPolicy(PATIENT)
          .credentials(Credentials.bearer(Secret.of("wrong-s3cr3t"))).build();

      DeliveryReport report = Batches.deliver(delivery, HttpDeliveryTest.alerts(0, 100), 5, 2, o -> {});

      assertThat(report.complete()).isFalse();
      assertThat(report.sentItems()).isZero();
      assertThat(report.failedItems() + report.leftItems()).isEqualTo(100);
      assertThat(report.failedItems()).isBetween(5, 10);
      assertThat(cm.stats().requests()).as("no retry storm").isBetween(1, 2);
      assertThatThrownBy(() -> report.requireComplete(delivery.target()))
          .isInstanceOf(VigilException.class)
          .hasMessageContaining("Cannot deliver all alerts to " + cm.url() + ": 0 sent, ")
          .hasMessageContaining("left")
          .hasMessageNotContaining("wrong-s3cr3t");
    }
  }

  @Test
  void aListenerThatFailsStopsTheRun() {
    try (LocalReceiver cm = LocalReceiver.builder().start()) {
      HttpDelivery delivery = HttpDelivery.builder(cm.url()).build();
      assertThatThrownBy(() -> Batches.deliver(delivery, HttpDeliveryTest.alerts(0, 50), 5, 1, o -> {
        throw new IllegalStateException("cannot mark distributed");
      })).hasMessage("cannot mark distributed");
      assertThat(cm.stats().accepted()).isEqualTo(1);
    }
  }

  @Test
  void duplicateIdsAcrossBatchesAreRefusedBeforeSending() {
    try (LocalReceiver cm = LocalReceiver.builder().start()) {
      List<Map<String, Object>> twice = new java.util.ArrayList<>(HttpDeliveryTest.alerts(0, 3));
      twice.addAll(HttpDeliveryTest.alerts(2, 1));
      assertThatThrownBy(() -> Batches.deliver(HttpDelivery.builder(cm.url()).build(), twice, 2, 2, o -> {}))
          .hasMessage("Cannot deliver the batch: two items have id 'alert-2'");
      assertThat(cm.stats().requests()).isZero();
    }
  }
}
