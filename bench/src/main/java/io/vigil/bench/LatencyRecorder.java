package io.vigil.bench;

import java.util.Arrays;

/**
 * Every latency of a phase, kept exactly (a 60 s phase at 1,000 requests/s is 60,000 longs), so the
 * percentiles are the nearest-rank values of the real samples rather than a histogram's bucket bounds.
 * Thread-safe: responses complete on the HTTP client's threads.
 */
final class LatencyRecorder {
  private long[] nanos;
  private int count;

  LatencyRecorder(int expected) {
    nanos = new long[Math.max(16, expected)];
  }

  synchronized void record(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, nanos.length * 2);
    }
    nanos[count++] = latencyNanos;
  }

  synchronized int count() {
    return count;
  }

  /**
   * The nearest-rank percentile in milliseconds: the smallest sample with at least p % of the samples at
   * or below it; NaN when nothing was recorded.
   */
  synchronized double percentileMillis(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    // 99.9 has no exact binary form: 99.9 % of 1,000 computes as 999.0000000000001, which would ceil to
    // the 1,000th sample; the epsilon keeps exact ranks exact.
    int rank = (int) Math.ceil(p / 100.0 * count - 1e-9);
    return sorted[Math.min(count, Math.max(1, rank)) - 1] / 1e6;
  }

  synchronized double maxMillis() {
    return percentileMillis(100);
  }
}
