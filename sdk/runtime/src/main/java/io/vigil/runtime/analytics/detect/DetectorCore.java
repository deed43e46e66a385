package io.vigil.runtime.analytics.detect;

import io.vigil.runtime.analytics.Explanation;
import io.vigil.runtime.analytics.FeatureRating;
import io.vigil.runtime.analytics.scaling.Scaler;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The plain-Java scoring function of a fitted detector over {@code double[]} records: the Spark UDFs call
 * it, and so does single-record scoring. Nothing in it touches Spark.
 *
 * <p>Each algorithm's raw score r becomes a probability-like score through a logistic on its robust
 * z-score against the training records: {@code p = 1 / (1 + e^−(z − 3))}, {@code z = (r − median) / (1.4826 · MAD)},
 * so three robust standard deviations above the typical training record is 0.5. The fused score is the
 * weighted mean of the algorithms' p, then, when a threshold was tuned on labels, mapped piecewise
 * linearly so that the tuned threshold lands on the fusion threshold.
 */
final class DetectorCore implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Robust z-score at which a calibrated score is 0.5 (the three-sigma rule). */
  static final double CENTRE = 3.0;
  /** MAD × this estimates σ for normally distributed scores. */
  static final double MAD_TO_SIGMA = 1.4826;

  final List<String> featureNames;
  final Scaler scaler;
  final Algorithm[] algorithms;
  final IsolationForest forest;
  final Hbos hbos;
  final double[] median;
  final double[] scale;
  final double[] weights;
  final double fusionThreshold;
  final double tunedThreshold;
  final double ratingPercentile;

  DetectorCore(List<String> featureNames, Scaler scaler, Algorithm[] algorithms, IsolationForest forest, Hbos hbos,
      double[] median, double[] scale, double[] weights, double fusionThreshold, double tunedThreshold, double ratingPercentile) {
    this.featureNames = List.copyOf(featureNames);
    this.scaler = scaler;
    this.algorithms = algorithms.clone();
    this.forest = forest;
    this.hbos = hbos;
    this.median = median.clone();
    this.scale = scale.clone();
    this.weights = weights.clone();
    this.fusionThreshold = fusionThreshold;
    this.tunedThreshold = tunedThreshold;
    this.ratingPercentile = ratingPercentile;
  }

  DetectorCore withCalibration(double[] median, double[] scale) {
    return new DetectorCore(featureNames, scaler, algorithms, forest, hbos, median, scale, weights, fusionThreshold,
        tunedThreshold, ratingPercentile);
  }

  DetectorCore withFusion(double[] weights, double tunedThreshold) {
    return new DetectorCore(featureNames, scaler, algorithms, forest, hbos, median, scale, weights, fusionThreshold,
        tunedThreshold, ratingPercentile);
  }

  /** True when every value is present (not NaN, not infinite). */
  static boolean complete(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** The raw score of each algorithm of an unscaled record. */
  double[] raw(double[] x) {
    double[] scaled = scaler.apply(x);
    double[] out = new double[algorithms.length];
    for (int a = 0; a < algorithms.length; a++) {
      out[a] = algorithms[a] == Algorithm.ISOLATION_FOREST ? forest.score(scaled) : hbos.score(scaled);
    }
    return out;
  }

  /** {fused, p of algorithm 0, p of algorithm 1, …} of an unscaled, complete record. */
  double[] scores(double[] x) {
    return calibrated(raw(x));
  }

  /**
   * {@link #scores(double[])} of the first {@code n} records of {@code x} (all complete), computed tree
   * by tree so that each tree stays in the cache; the numbers are the same as record by record.
   */
  double[][] scores(double[][] x, int n) {
    double[][] scaled = new double[n][];
    for (int i = 0; i < n; i++) {
      scaled[i] = scaler.apply(x[i]);
    }
    double[] forestScores = new double[n];
    if (forest != null) {
      forest.score(scaled, n, forestScores);
    }
    double[][] out = new double[n][];
    double[] raw = new double[algorithms.length];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < algorithms.length; a++) {
        raw[a] = algorithms[a] == Algorithm.ISOLATION_FOREST ? forestScores[i] : hbos.score(scaled[i]);
      }
      out[i] = calibrated(raw);
    }
    return out;
  }

  private double[] calibrated(double[] raw) {
    double[] out = new double[algorithms.length + 1];
    double fused = 0;
    for (int a = 0; a < algorithms.length; a++) {
      double z = (raw[a] - median[a]) / scale[a];
      double p = 1.0 / (1.0 + Math.exp(-(z - CENTRE)));
      out[a + 1] = p;
      fused += weights[a] * p;
    }
    out[0] = warp(Math.min(1.0, Math.max(0.0, fused)));
    return out;
  }

  /** Maps the tuned threshold onto the fusion threshold, linearly on each side; identity when none was tuned. */
  private double warp(double s) {
    if (Double.isNaN(tunedThreshold)) {
      return s;
    }
    if (s <= tunedThreshold) {
      return s * fusionThreshold / tunedThreshold;
    }
    return fusionThreshold + (s - tunedThreshold) * (1 - fusionThreshold) / (1 - tunedThreshold);
  }

  /** The feature ratings of an unscaled, complete record, from its HBOS contributions. */
  FeatureRating rate(double[] x) {
    return FeatureRating.of(hbos.contributions(scaler.apply(x)));
  }

  /**
   * The explanation of an unscaled, complete record with a pattern of at most {@code patternLength}
   * features: what the evaluation columns of a rated record hold, on Spark and one record at a time.
   */
  Explanation explain(double[] x, int patternLength) {
    return Explanation.of(rate(x), featureNames, patternLength);
  }

  int features() {
    return featureNames.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DetectorCore c && featureNames.equals(c.featureNames) && scaler.equals(c.scaler)
        && Arrays.equals(algorithms, c.algorithms) && java.util.Objects.equals(forest, c.forest) && hbos.equals(c.hbos)
        && Arrays.equals(median, c.median) && Arrays.equals(scale, c.scale) && Arrays.equals(weights, c.weights)
        && Double.compare(fusionThreshold, c.fusionThreshold) == 0 && Double.compare(tunedThreshold, c.tunedThreshold) == 0
        && Double.compare(ratingPercentile, c.ratingPercentile) == 0;
  }

  @Override
  public int hashCode() {
    return featureNames.hashCode() * 31 + Arrays.hashCode(weights);
  }
}
