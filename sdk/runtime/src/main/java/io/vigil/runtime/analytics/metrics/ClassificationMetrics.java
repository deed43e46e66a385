package io.vigil.runtime.analytics.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guide's {@code evaluation_metric} result: AUC, F1, Fβ, accuracy, precision and recall, each in [0, 1].
 * A metric whose denominator is empty (no predicted or no actual positive) is 0.
 */
public record ClassificationMetrics(double auc, double f1, double fbeta, double accuracy, double precision, double recall) {
  /** The value of {@code metric}. */
  public double value(PerfMetric metric) {
    return switch (metric) {
      case AUC -> auc;
      case F1 -> f1;
      case FBETA -> fbeta;
      case ACCURACY -> accuracy;
      case PRECISION -> precision;
      case RECALL -> recall;
    };
  }

  /** The metrics by the guide's names, in its order. */
  public Map<String, Double> asMap() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (PerfMetric m : new PerfMetric[] {PerfMetric.AUC, PerfMetric.F1, PerfMetric.FBETA, PerfMetric.ACCURACY,
        PerfMetric.PRECISION, PerfMetric.RECALL}) {
      out.put(m.guideName(), value(m));
    }
    return out;
  }

  /** Precision, recall, F1, Fβ and accuracy from a confusion matrix, with {@code auc} given. */
  public static ClassificationMetrics of(double auc, long tp, long fp, long fn, long tn, double beta) {
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    return new ClassificationMetrics(auc, fbeta(precision, recall, 1.0), fbeta(precision, recall, beta),
        tp + fp + fn + tn == 0 ? 0 : (double) (tp + tn) / (tp + fp + fn + tn), precision, recall);
  }

  static double fbeta(double precision, double recall, double beta) {
    double b2 = beta * beta;
    double d = b2 * precision + recall;
    return d == 0 ? 0 : (1 + b2) * precision * recall / d;
  }
}
