package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void percentilesAreTheNearestRankSamplesWhateverTheRecordingOrder() {
    List<Long> samples = new ArrayList<>();
    for (long ms = 1; ms <= 1000; ms++) {
      samples.add(ms * 1_000_000);
    }
    Collections.shuffle(samples, new Random(7));
    LatencyRecorder recorder = new LatencyRecorder(10);
    samples.forEach(recorder::record);

    assertThat(recorder.count()).isEqualTo(1000);
    assertThat(recorder.percentileMillis(50)).isEqualTo(500.0);
    assertThat(recorder.percentileMillis(99)).isEqualTo(990.0);
    assertThat(recorder.percentileMillis(99.9)).isEqualTo(999.0);
    assertThat(recorder.maxMillis()).isEqualTo(1000.0);
    assertThat(recorder.percentileMillis(0)).isEqualTo(1.0);
  }

  @Test
  void aSingleOutlierIsTheMaxAndTheP999OfASmallPhaseButNotItsP99() {
    LatencyRecorder recorder = new LatencyRecorder(100);
    IntStream.range(0, 199).forEach(i -> recorder.record(2_000_000));
    recorder.record(750_000_000);

    assertThat(recorder.percentileMillis(99)).isEqualTo(2.0);
    assertThat(recorder.percentileMillis(99.9)).isEqualTo(750.0);
    assertThat(recorder.maxMillis()).isEqualTo(750.0);
  }

  @Test
  void concurrentRecordingLosesNoSampleAndNothingRecordedIsNaN() {
    LatencyRecorder recorder = new LatencyRecorder(1);
    assertThat(recorder.percentileMillis(99)).isNaN();
    CompletableFuture.allOf(IntStream.range(0, 4).mapToObj(t -> CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 5000; i++) {
        recorder.record(1_000_000);
      }
    })).toArray(CompletableFuture[]::new)).join();
    assertThat(recorder.count()).isEqualTo(20_000);
  }
}
