package io.vigil.runtime.analytics.classify;

import io.vigil.runtime.analytics.Explanation;
import io.vigil.runtime.analytics.FeatureRating;
import io.vigil.runtime.analytics.scaling.Scaler;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The plain-Java scoring function of a fitted classifier over {@code double[]} records, used by the Spark
 * UDFs and by single-record scoring alike.
 *
 * <ul>
 *   <li>Trees, two classes: one model for class 2; {@code p2 = 1 − 1 / (1 + e^{2m})} as MLlib computes it, p1 = 1 − p2.
 *   <li>Trees, N > 2 classes: one model per class against the rest; the N probabilities are divided by their sum.
 *   <li>Logistic regression: binomial {@code p2 = 1 / (1 + e^{−m})}, or multinomial softmax.
 * </ul>
 */
final class ClassifierCore implements Serializable {
  private static final long serialVersionUID = 1L;

  final List<String> featureNames;
  final Scaler scaler;
  final int classes;
  /** Trees: one ensemble (two classes) or one per class. Null for logistic regression. */
  final TreeEnsemble[] ensembles;
  /** Logistic regression: one row (two classes, for class 2) or one per class. Null for trees. */
  final double[][] coefficients;
  final double[] intercepts;
  /** The scaled training mean of each feature, the reference of logistic-regression contributions. */
  final double[] centre;

  ClassifierCore(List<String> featureNames, Scaler scaler, int classes, TreeEnsemble[] ensembles, double[][] coefficients,
      double[] intercepts, double[] centre) {
    this.featureNames = List.copyOf(featureNames);
    this.scaler = scaler;
    this.classes = classes;
    this.ensembles = ensembles;
    this.coefficients = coefficients;
    this.intercepts = intercepts;
    this.centre = centre;
  }

  boolean trees() {
    return ensembles != null;
  }

  /** Probabilities of classes 1..N (index 0..N−1), summing to 1. */
  double[] predict(double[] raw) {
    double[] x = scaler.apply(raw);
    double[] p = new double[classes];
    if (trees()) {
      if (classes == 2) {
        double m = ensembles[0].margin(x);
        p[1] = 1.0 - 1.0 / (1.0 + Math.exp(2.0 * m));
        p[0] = 1.0 - p[1];
      } else {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
          double m = ensembles[c].margin(x);
          p[c] = 1.0 - 1.0 / (1.0 + Math.exp(2.0 * m));
          sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
          p[c] = sum > 0 ? p[c] / sum : 1.0 / classes;
        }
      }
    } else if (classes == 2) {
      p[1] = 1.0 / (1.0 + Math.exp(-margin(0, x)));
      p[0] = 1.0 - p[1];
    } else {
      double[] m = new double[classes];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        m[c] = margin(c, x);
        max = Math.max(max, m[c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        p[c] = Math.exp(m[c] - max);
        sum += p[c];
      }
      for (int c = 0; c < classes; c++) {
        p[c] /= sum;
      }
    }
    return p;
  }

  private double margin(int row, double[] x) {
    double m = intercepts[row];
    for (int i = 0; i < x.length; i++) {
      m += coefficients[row][i] * x[i];
    }
    return m;
  }

  /** The class (1..N) with the highest probability; the lower class on a tie. */
  static int argmax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best + 1;
  }

  /**
   * Feature ratings towards class {@code cls} (1..N): from each feature's share of that class's margin
   * (tree paths, or coefficient × distance from the training mean). Features that push towards the class
   * are rated; when none does, the absolute shares are; when all are 0, the features share equally.
   */
  FeatureRating rate(double[] raw, int cls) {
    double[] x = scaler.apply(raw);
    double[] share = new double[x.length];
    if (trees()) {
      if (classes == 2) {
        ensembles[0].contributions(x, share, cls == 2 ? 1.0 : -1.0);
      } else {
        ensembles[cls - 1].contributions(x, share, 1.0);
      }
    } else {
      int row = classes == 2 ? 0 : cls - 1;
      double sign = classes == 2 && cls == 1 ? -1.0 : 1.0;
      for (int i = 0; i < x.length; i++) {
        share[i] = sign * coefficients[row][i] * (x[i] - centre[i]);
      }
    }
    double[] positive = new double[share.length];
    double total = 0;
    for (int i = 0; i < share.length; i++) {
      positive[i] = Math.max(0.0, share[i]);
      total += positive[i];
    }
    if (total > 0) {
      return FeatureRating.of(positive);
    }
    for (int i = 0; i < share.length; i++) {
      positive[i] = Math.abs(share[i]);
    }
    return FeatureRating.of(positive);
  }

  /** The explanation towards class {@code cls} (1..N) of an unscaled, complete record, as the evaluation columns hold it. */
  Explanation explain(double[] raw, int cls, int patternLength) {
    return Explanation.of(rate(raw, cls), featureNames, patternLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassifierCore c && featureNames.equals(c.featureNames) && scaler.equals(c.scaler) && classes == c.classes
        && Arrays.equals(ensembles, c.ensembles) && Arrays.deepEquals(coefficients, c.coefficients)
        && Arrays.equals(intercepts, c.intercepts) && Arrays.equals(centre, c.centre);
  }

  @Override
  public int hashCode() {
    return featureNames.hashCode() * 31 + classes;
  }
}
