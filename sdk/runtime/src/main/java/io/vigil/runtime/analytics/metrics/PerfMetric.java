package io.vigil.runtime.analytics.metrics;

import io.vigil.runtime.errors.RuntimeErrors;
import java.util.Arrays;

/** The metric a model maximises when labels are given (the guide's {@code perf_metric}). */
public enum PerfMetric {
  FBETA("Fbeta"), F1("F1"), AUC("AUC"), ACCURACY("Accuracy"), PRECISION("Precision"), RECALL("Recall");

  private final String guideName;

  PerfMetric(String guideName) {
    this.guideName = guideName;
  }

  /** The guide's spelling: Fbeta, F1, AUC, Accuracy, Precision, Recall. */
  public String guideName() {
    return guideName;
  }

  /** The metric spelt as in the guide (case-insensitive). */
  public static PerfMetric of(String name) {
    for (PerfMetric m : values()) {
      if (m.guideName.equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw RuntimeErrors.perfMetricUnknown(name, Arrays.stream(values()).map(PerfMetric::guideName).toList());
  }
}
