package io.vigil.runtime.analytics.metrics;

import java.util.Arrays;

/** Metrics of scores against binary labels, over plain arrays (used while fitting, on collected samples). */
public final class BinaryMetrics {
  private BinaryMetrics() {}

  /**
   * The area under the ROC curve: the probability that a random positive scores above a random negative,
   * ties counting one half (Mann–Whitney). NaN when either class is absent.
   */
  public static double auc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Every metric, predicting positive where {@code score >= threshold}. */
  public static ClassificationMetrics at(double[] scores, boolean[] positive, double threshold, double beta) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean predicted = scores[i] >= threshold;
      if (predicted && positive[i]) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (positive[i]) {
        fn++;
      } else {
        tn++;
      }
    }
    return ClassificationMetrics.of(auc(scores, positive), tp, fp, fn, tn, beta);
  }

  /**
   * The threshold among the distinct scores that maximises {@code metric} (ties: the highest such
   * threshold, which flags fewest records), predicting positive where {@code score >= threshold}.
   */
  public static double bestThreshold(double[] scores, boolean[] positive, PerfMetric metric, double beta) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    long totalPositive = 0;
    for (boolean p : positive) {
      if (p) {
        totalPositive++;
      }
    }
    long tp = 0;
    long fp = 0;
    double best = Double.NEGATIVE_INFINITY;
    double bestThreshold = n == 0 ? 0.5 : scores[order[0]];
    int i = 0;
    while (i < n) {
      double t = scores[order[i]];
      while (i < n && scores[order[i]] == t) {
        if (positive[order[i]]) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      long fn = totalPositive - tp;
      long tn = n - totalPositive - fp;
      double value = ClassificationMetrics.of(0, tp, fp, fn, tn, beta).value(metric);
      if (value > best) {
        best = value;
        bestThreshold = t;
      }
    }
    return bestThreshold;
  }
}
