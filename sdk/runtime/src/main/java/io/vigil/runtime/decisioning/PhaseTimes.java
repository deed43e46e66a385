package io.vigil.runtime.decisioning;

import io.vigil.runtime.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one identify_risks run spent its time, phase by phase, logged as the run's metrics
 * {@code <flow>-identify_<phase>_s}, so an operator (and the benchmark) sees which part grew.
 * Not thread-safe: one run's thread only.
 */
final class PhaseTimes {
  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private long mark = System.nanoTime();

  /** Charges the time since the previous mark to {@code phase}. */
  void lap(String phase) {
    long now = System.nanoTime();
    add(phase, now - mark);
    mark = now;
  }

  /** Charges {@code elapsed} nanoseconds to {@code phase}, and takes them off {@code from}, which included them. */
  void move(String from, String phase, long elapsed) {
    add(from, -elapsed);
    add(phase, elapsed);
  }

  private void add(String phase, long elapsed) {
    nanos.merge(phase, elapsed, Long::sum);
  }

  void log(Metrics metrics, String flowId) {
    nanos.forEach((phase, n) -> metrics.log(flowId + "-identify_" + phase + "_s", n / 1e9));
  }
}
