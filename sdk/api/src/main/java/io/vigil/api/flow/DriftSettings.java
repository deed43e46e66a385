package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * How a flow's drift check runs (S1 §23.2.1, the guide's {@code drift_settings.py} and
 * {@code tests_thresholds}). Every value is optional; an absent one takes the guide's default.
 *
 * @param mode LOG (results are logged, nothing stops) or BLOCK (a failing test fails the task); default LOG
 * @param anomalyPercentage the largest |z-score| of the current anomaly percentage against the reference periods (ANOMALY_PERCENTAGE, 5)
 * @param iqrAlgoScore the largest change of the score's interquartile range (IQR_ALGO_SCORE, 0.1)
 * @param csiFeaturesTest the largest share of features whose CSI is above csi_threshold (CSI_FEATURES_TEST, 0.25)
 * @param maxCsiFeatureChangeTest the largest CSI of any one feature (MAX_CSI_FEATURE_CHANGE_TEST, 0.5)
 * @param triggerFeatures the largest share of features whose top-3 trigger frequency moved significantly (TRIGGER_FEATURES, 0.25)
 * @param csiThreshold the CSI above which one feature drifted, and the largest PSI of the score (CSI_THRESHOLD, 0.25)
 * @param triggerFeatureZ the critical |z| of one trigger feature: 1.96, the normal quantile of the guide's alpha 0.025
 * @param bins the bins of CSI and PSI, at the reference's quantiles (NUM_OF_BINS, 10)
 * @param sampleSize the most records of each side a check reads; larger sides are sampled (SAMPLE_SIZE, 10000)
 */
public record DriftSettings(DriftMode mode, Double anomalyPercentage, Double iqrAlgoScore, Double csiFeaturesTest,
    Double maxCsiFeatureChangeTest, Double triggerFeatures, Double csiThreshold, Double triggerFeatureZ, Integer bins,
    Integer sampleSize) {
  private static final String WHAT = "drift settings";

  public DriftSettings {
    mode = Checks.orDefault(mode, DriftMode.LOG);
    anomalyPercentage = positive(Checks.orDefault(anomalyPercentage, 5.0), "anomaly_percentage");
    iqrAlgoScore = positive(Checks.orDefault(iqrAlgoScore, 0.1), "iqr_algo_score");
    csiFeaturesTest = share(Checks.orDefault(csiFeaturesTest, 0.25), "csi_features_test");
    maxCsiFeatureChangeTest = positive(Checks.orDefault(maxCsiFeatureChangeTest, 0.5), "max_csi_feature_change_test");
    triggerFeatures = share(Checks.orDefault(triggerFeatures, 0.25), "trigger_features");
    csiThreshold = positive(Checks.orDefault(csiThreshold, 0.25), "csi_threshold");
    triggerFeatureZ = positive(Checks.orDefault(triggerFeatureZ, 1.96), "trigger_feature_z");
    bins = Checks.orDefault(bins, 10);
    Checks.valid(bins >= 2, WHAT, "bins", "must be at least 2: " + bins);
    sampleSize = Checks.positive(Checks.orDefault(sampleSize, 10_000), WHAT, "sample_size");
  }

  /** The guide's defaults, in log mode. */
  public static DriftSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** These settings in another mode (the CLI's --mode). */
  public DriftSettings withMode(DriftMode value) {
    return toBuilder().mode(value).build();
  }

  public Builder toBuilder() {
    return builder().mode(mode).anomalyPercentage(anomalyPercentage).iqrAlgoScore(iqrAlgoScore).csiFeaturesTest(csiFeaturesTest)
        .maxCsiFeatureChangeTest(maxCsiFeatureChangeTest).triggerFeatures(triggerFeatures).csiThreshold(csiThreshold)
        .triggerFeatureZ(triggerFeatureZ).bins(bins).sampleSize(sampleSize);
  }

  private static Double positive(Double value, String key) {
    Checks.valid(value > 0 && !value.isInfinite(), WHAT, key, "must be a positive number: " + value);
    return value;
  }

  private static Double share(Double value, String key) {
    Checks.valid(value >= 0 && value <= 1, WHAT, key, "must be a share between 0 and 1: " + value);
    return value;
  }

  /** Builds {@link DriftSettings}; what is not set takes the guide's default. */
  public static final class Builder {
    private DriftMode mode;
    private Double anomalyPercentage;
    private Double iqrAlgoScore;
    private Double csiFeaturesTest;
    private Double maxCsiFeatureChangeTest;
    private Double triggerFeatures;
    private Double csiThreshold;
    private Double triggerFeatureZ;
    private Integer bins;
    private Integer sampleSize;

    private Builder() {}

    public Builder mode(DriftMode value) {
      mode = value;
      return this;
    }

    public Builder anomalyPercentage(Double value) {
      anomalyPercentage = value;
      return this;
    }

    public Builder iqrAlgoScore(Double value) {
      iqrAlgoScore = value;
      return this;
    }

    public Builder csiFeaturesTest(Double value) {
      csiFeaturesTest = value;
      return this;
    }

    public Builder maxCsiFeatureChangeTest(Double value) {
      maxCsiFeatureChangeTest = value;
      return this;
    }

    public Builder triggerFeatures(Double value) {
      triggerFeatures = value;
      return this;
    }

    public Builder csiThreshold(Double value) {
      csiThreshold = value;
      return this;
    }

    public Builder triggerFeatureZ(Double value) {
      triggerFeatureZ = value;
      return this;
    }

    public Builder bins(Integer value) {
      bins = value;
      return this;
    }

    public Builder sampleSize(Integer value) {
      sampleSize = value;
      return this;
    }

    public DriftSettings build() {
      return BuildSites.mark(new DriftSettings(mode, anomalyPercentage, iqrAlgoScore, csiFeaturesTest, maxCsiFeatureChangeTest,
          triggerFeatures, csiThreshold, triggerFeatureZ, bins, sampleSize));
    }
  }
}
