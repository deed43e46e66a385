package io.vigil.runtime.analytics.detect;

import io.vigil.runtime.analytics.metrics.PerfMetric;
import io.vigil.runtime.analytics.scaling.Normalization;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The parameters of a {@link Detector} (the guide's {@code ThetaRayDetector}, S1 §5.2.2).
 *
 * @param normalization how features are scaled before the algorithms see them ({@code normalization_type})
 * @param fusionThreshold a record whose fused score is at least this is an anomaly, in [0, 1]
 * @param ratingPercentile the percentage, in [0, 5], of the non-anomalous records (the highest-scoring
 *     ones) that get feature ratings too
 * @param perfMetric with labels: the metric the fused score's threshold maximises (AUC: fusion weights only)
 * @param betaForF β of Fβ, above 0
 * @param threads threads that grow the isolation-forest trees on the driver, at least 1 (Spark jobs use Spark's own parallelism)
 * @param algorithms the algorithms fused into the score, at least one
 * @param trees isolation-forest trees (t)
 * @param sampleSize records per tree (ψ)
 * @param histogramBins HBOS bins per feature; 0 means √n, kept within [10, 1000]
 * @param seed the seed of every random choice, so a fit is repeatable
 */
public record DetectorSettings(Normalization normalization, double fusionThreshold, double ratingPercentile,
    PerfMetric perfMetric, double betaForF, int threads, Set<Algorithm> algorithms, int trees, int sampleSize,
    int histogramBins, long seed) {
  public DetectorSettings {
    Objects.requireNonNull(normalization, "normalization");
    Objects.requireNonNull(perfMetric, "perfMetric");
    if (!(fusionThreshold >= 0 && fusionThreshold <= 1)) {
      throw new IllegalArgumentException("Cannot use fusion threshold " + fusionThreshold + ": it must be within [0, 1]");
    }
    if (!(ratingPercentile >= 0 && ratingPercentile <= 5)) {
      throw new IllegalArgumentException("Cannot use rating percentile " + ratingPercentile + ": it must be within [0, 5]");
    }
    if (!(betaForF > 0) || Double.isInfinite(betaForF)) {
      throw new IllegalArgumentException("Cannot use beta_for_F " + betaForF + ": it must be a positive number");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("Cannot use " + threads + " threads: at least 1 is needed");
    }
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("Cannot define a detector without algorithms: choose iforest, hbos or both");
    }
    algorithms = Set.copyOf(EnumSet.copyOf(algorithms));
    if (trees < 1 || sampleSize < 2) {
      throw new IllegalArgumentException("Cannot grow an isolation forest of " + trees + " trees of " + sampleSize
          + " records: at least 1 tree and 2 records are needed");
    }
    if (histogramBins < 0) {
      throw new IllegalArgumentException("Cannot use " + histogramBins + " histogram bins: give 0 (automatic) or more");
    }
  }

  /** The guide's defaults: min-max, threshold 0.5, 1 %, Fβ with β = 2, all cores, both algorithms, 100 × 256. */
  public static DetectorSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.normalization = normalization;
    b.fusionThreshold = fusionThreshold;
    b.ratingPercentile = ratingPercentile;
    b.perfMetric = perfMetric;
    b.betaForF = betaForF;
    b.threads = threads;
    b.algorithms = EnumSet.copyOf(algorithms);
    b.trees = trees;
    b.sampleSize = sampleSize;
    b.histogramBins = histogramBins;
    b.seed = seed;
    return b;
  }

  /** Builds {@link DetectorSettings}; every value starts at the guide's default. */
  public static final class Builder {
    private Normalization normalization = Normalization.MIN_MAX;
    private double fusionThreshold = 0.5;
    private double ratingPercentile = 1.0;
    private PerfMetric perfMetric = PerfMetric.FBETA;
    private double betaForF = 2.0;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Set<Algorithm> algorithms = EnumSet.allOf(Algorithm.class);
    private int trees = 100;
    private int sampleSize = 256;
    private int histogramBins = 0;
    private long seed = 42L;

    private Builder() {}

    public Builder normalization(Normalization normalization) {
      this.normalization = normalization;
      return this;
    }

    /** The guide's {@code normalization_type} number: 0, 1, 3 or 4. */
    public Builder normalizationType(int code) {
      return normalization(Normalization.ofCode(code));
    }

    public Builder fusionThreshold(double fusionThreshold) {
      this.fusionThreshold = fusionThreshold;
      return this;
    }

    public Builder ratingPercentile(double ratingPercentile) {
      this.ratingPercentile = ratingPercentile;
      return this;
    }

    public Builder perfMetric(PerfMetric perfMetric) {
      this.perfMetric = perfMetric;
      return this;
    }

    public Builder betaForF(double betaForF) {
      this.betaForF = betaForF;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder algorithms(Algorithm first, Algorithm... more) {
      this.algorithms = EnumSet.of(first, more);
      return this;
    }

    public Builder trees(int trees) {
      this.trees = trees;
      return this;
    }

    public Builder sampleSize(int sampleSize) {
      this.sampleSize = sampleSize;
      return this;
    }

    public Builder histogramBins(int histogramBins) {
      this.histogramBins = histogramBins;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public DetectorSettings build() {
      return new DetectorSettings(normalization, fusionThreshold, ratingPercentile, perfMetric, betaForF, threads, algorithms,
          trees, sampleSize, histogramBins, seed);
    }
  }
}
