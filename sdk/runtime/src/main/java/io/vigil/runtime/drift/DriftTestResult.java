package io.vigil.runtime.drift;

/**
 * One of the guide's drift tests, as its notebook's final table shows it.
 *
 * @param name the guide's name, e.g. {@code MAX_CSI_FEATURE_CHANGE}
 * @param value what was measured
 * @param threshold the largest value that passes
 * @param passed {@code value <= threshold}
 * @param measures what the value is, in words
 */
public record DriftTestResult(String name, double value, double threshold, boolean passed, String measures) {
  static DriftTestResult of(String name, double value, double threshold, String measures) {
    return new DriftTestResult(name, value, threshold, !(value > threshold), measures);
  }

  /** PASS or FAIL. */
  public String result() {
    return passed ? "PASS" : "FAIL";
  }
}
