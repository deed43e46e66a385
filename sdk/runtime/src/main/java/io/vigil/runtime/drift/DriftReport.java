package io.vigil.runtime.drift;

import io.vigil.api.flow.DriftMode;
import io.vigil.runtime.errors.RuntimeErrors;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a drift check found for one flow step and execution date.
 *
 * @param model the detection model whose reference set was compared with, and its version
 * @param statistics the logged-only statistics (rows, means, IQRs, anomaly percentages), by name
 * @param features each numeric feature's CSI
 * @param triggers each feature's top-3 trigger frequency and z-score
 * @param tests the guide's tests, in its order
 */
public record DriftReport(String flow, String step, String model, int modelVersion, LocalDateTime executionDate, DriftMode mode,
    long referenceRows, long currentRows, Map<String, Double> statistics, List<FeatureShift> features, List<TriggerShift> triggers,
    List<DriftTestResult> tests) {
  public DriftReport {
    statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
    features = List.copyOf(features);
    triggers = List.copyOf(triggers);
    tests = List.copyOf(tests);
  }

  /** True when a test failed. */
  public boolean drifted() {
    return tests.stream().anyMatch(t -> !t.passed());
  }

  /** The names of the failed tests. */
  public List<String> failed() {
    return tests.stream().filter(t -> !t.passed()).map(DriftTestResult::name).toList();
  }

  /** The test of that name; IllegalArgumentException when the check has none. */
  public DriftTestResult test(String name) {
    return tests.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No drift test " + name));
  }

  /** Fails with DRIFT_DETECTED (exit code 6) in block mode when a test failed; does nothing otherwise. */
  public void enforce() {
    if (mode == DriftMode.BLOCK && drifted()) {
      throw RuntimeErrors.driftDetected(flow, step, executionDate.toString(), failed());
    }
  }
}
